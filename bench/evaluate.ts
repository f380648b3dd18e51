// Accuracy and latency of the real engine on a generated split (and on the shared real photos):
// per kind R@1, R@10, mAP@10, count, engine.query wall time p50/p95, plus index build images/s and the process's resident memory.
// Writes bench/out/results-<split>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command } from 'commander';
import { openBenchEngine, type BuildReport } from './evaluate/benchDb';
import { formatTable } from './evaluate/formatTable';
import { loadGalleryBrands } from './evaluate/galleryBrands';
import { realPhotoJobs } from './evaluate/realPhotoJobs';
import { runQueries, SCORED_DEPTH } from './evaluate/runQueries';
import { summarise, summariseByGroup, type GroupSummary } from './evaluate/summarise';
import { syntheticJobs } from './evaluate/syntheticJobs';
import type { QueryRecord } from './evaluate/queryRecord';
import { benchDbPath, photosDir, realPhotosDir, resultsPath } from './lib/paths';
import type { Split } from './photos/split';

export interface EvaluateOptions {
  split: Split;
  dbPath?: string;
  photos?: string;
  real?: boolean;
  limitPerKind?: number;
  /** extra facts to keep in the results file (generation settings, timings) */
  context?: Record<string, unknown>;
  log?: (line: string) => void;
}

export interface EvaluateResult {
  split: Split;
  build: BuildReport;
  synthetic: GroupSummary[];
  /** hard photos broken down by each condition tag */
  hardByTag: GroupSummary[];
  /** each kind with a mark broken down by the goods' surface ("hard on stripes") */
  bySurface: GroupSummary[];
  real: GroupSummary[] | null;
  /** resident memory of the bench process (models, gallery, both threads) */
  memory: { loadedRssMiB: number; peakRssMiB: number; queries: number };
}

function progress(log: (l: string) => void, what: string) {
  return (done: number, total: number) => {
    if (done % 100 === 0 || done === total) log(`  ${what} ${done}/${total}`);
  };
}

// bold stripes cost the embedding most (val, 380-min weights: hard R@1 0.03 on stripes, 0.30-0.46 on the others)
function bySurface(records: QueryRecord[]): GroupSummary[] {
  const kinds = [...new Set(records.filter((r) => r.surface && r.relevant.length).map((r) => r.group))];
  const surfaces = [...new Set(records.flatMap((r) => (r.surface ? [r.surface] : [])))].sort();
  return kinds.flatMap((k) =>
    surfaces.flatMap((s) => {
      const group = records.filter((r) => r.group === k && r.surface === s);
      return group.length ? [summarise(`${k} on ${s}`, group)] : [];
    }),
  );
}

function byTag(records: QueryRecord[]): GroupSummary[] {
  const tags = [...new Set(records.flatMap((r) => r.tags))].sort();
  return tags.map((t) => summarise(t, records.filter((r) => r.tags.includes(t))));
}

export async function evaluate(options: EvaluateOptions): Promise<EvaluateResult> {
  const log = options.log ?? console.log;
  const brands = loadGalleryBrands();
  const { engine, build } = await openBenchEngine(options.dbPath ?? benchDbPath, log);
  try {
    const synthJobs = syntheticJobs(options.photos ?? photosDir(options.split), brands, options.limitPerKind);
    // the first query pays for loading the vectors; keep it out of the latency figures
    if (synthJobs[0]) await engine.query(synthJobs[0].path, { top: SCORED_DEPTH });
    // resident memory of the whole process (both threads): once everything is loaded, and its peak while querying
    const loadedRss = process.memoryUsage().rss;
    let peakRss = loadedRss;
    const sampled = (each: (done: number, total: number) => void) => (done: number, total: number) => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      each(done, total);
    };
    const synthRecords = await runQueries(engine, synthJobs, sampled(progress(log, 'queries')));
    const synthetic = summariseByGroup(synthRecords);
    const hardByTag = byTag(synthRecords.filter((r) => r.group === 'hard'));
    const surfaces = bySurface(synthRecords);

    const realJobs = options.real === false ? null : realPhotoJobs(realPhotosDir, brands, options.limitPerKind ? options.limitPerKind * 2 : Infinity);
    // a checkout outside the shared layout (e.g. a git worktree elsewhere) has no real photos: say so
    if (options.real !== false && !realJobs) log(`real photos: no labels.jsonl in ${realPhotosDir}, skipped`);
    const realRecords = realJobs ? await runQueries(engine, realJobs, sampled(progress(log, 'real photos'))) : null;
    const real = realRecords ? summariseByGroup(realRecords) : null;

    const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
    const memory = { loadedRssMiB: mib(loadedRss), peakRssMiB: mib(peakRss), queries: synthRecords.length + (realRecords?.length ?? 0) };
    const result: EvaluateResult = { split: options.split, build, synthetic, hardByTag, bySurface: surfaces, real, memory };
    const out = resultsPath(options.split);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      JSON.stringify({ ...result, createdAt: new Date().toISOString(), context: options.context ?? {}, records: { synthetic: synthRecords, real: realRecords } }, null, 1),
    );

    log('');
    log(formatTable(`synthetic ${options.split} split (model ${build.modelId.slice(0, 12)})`, synthetic));
    log('');
    log(formatTable('hard, by condition', hardByTag));
    log('');
    log(formatTable('by the surface of the goods', surfaces));
    if (real) {
      log('');
      log(formatTable('real photos (../shared/data/real-photos, whole photo, no box)', real));
    }
    log('');
    const failed = [...synthRecords, ...(realRecords ?? [])].filter((r) => r.error);
    if (failed.length) log(`engine errors: ${failed.length} queries failed, e.g. ${failed[0]!.file}: ${failed[0]!.error}`);
    const rate = build.indexImagesPerSecond;
    log(rate === null ? 'index build: rate unknown (this model\'s vectors were already stored)' : `index build: ${rate.toFixed(1)} images/s${build.reused ? ' (from the run that built the reused index)' : ''}`);
    log(`memory: ${memory.loadedRssMiB} MiB resident once the models and the gallery are loaded, peak ${memory.peakRssMiB} MiB over ${memory.queries} queries`);
    log(`results: ${out}`);
    return result;
  } finally {
    await engine.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = new Command()
    .option('--split <split>', 'val | test', 'test')
    .option('--db <path>', 'bench database', benchDbPath)
    .option('--photos <dir>', 'generated photos (default bench/out/photos/<split>)')
    .option('--no-real', 'skip the shared real photos')
    .option('--limit <n>', 'at most n queries per kind (quick checks)')
    .parse()
    .opts<{ split: Split; db: string; photos?: string; real: boolean; limit?: string }>();
  await evaluate({
    split: opts.split,
    dbPath: opts.db,
    photos: opts.photos,
    real: opts.real,
    limitPerKind: opts.limit ? Number(opts.limit) : undefined,
  });
}
