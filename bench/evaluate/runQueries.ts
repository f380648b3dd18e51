// Runs photos through engine.query, one at a time (as an inspector would), timing each call.
import type { Relevance } from './relevance';
import type { QueryRecord } from './queryRecord';

/** the slice of the engine the benchmark needs; written against core/engine's API */
export interface QueryEngine {
  query(
    input: Buffer | string,
    options: { top?: number },
  ): Promise<{
    results: { markId: string; score: number; rank: number }[];
    timings: { decodeMs: number; embedMs: number; searchMs: number; totalMs: number };
  }>;
}

export interface QueryJob {
  path: string;
  file: string;
  group: string;
  tags: string[];
  /** synthetic photos: the surface the mark sits on */
  surface?: string;
  relevance: Relevance;
}

export const SCORED_DEPTH = 10;

export async function runQueries(engine: QueryEngine, jobs: readonly QueryJob[], onProgress?: (done: number, total: number) => void): Promise<QueryRecord[]> {
  const records: QueryRecord[] = [];
  for (const [i, job] of jobs.entries()) {
    // ask for extra results when some will be hidden, so SCORED_DEPTH remain
    const top = SCORED_DEPTH + job.relevance.hidden.size;
    const base = { file: job.file, group: job.group, tags: job.tags, surface: job.surface, relevant: [...job.relevance.relevant] };
    const started = performance.now();
    try {
      const r = await engine.query(job.path, { top });
      const wallMs = performance.now() - started;
      const visible = r.results.filter((m) => !job.relevance.hidden.has(m.markId));
      records.push({
        ...base,
        ranked: visible.slice(0, SCORED_DEPTH).map((m) => m.markId),
        topScore: visible[0]?.score ?? null,
        wallMs,
        timings: r.timings,
      });
    } catch (err) {
      // one failing photo must not sink the run: record it, count it as a miss, report it
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      records.push({ ...base, ranked: [], topScore: null, wallMs: performance.now() - started, timings: null, error });
    }
    onProgress?.(i + 1, jobs.length);
  }
  return records;
}
