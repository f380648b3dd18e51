// Runs the engine (verification on) over a generated split and keeps, per photo, every shortlisted
// candidate's evidence: the rows the fusion is fitted on and the metrics are computed from.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../core/engine';
import { loadGalleryBrands } from '../evaluate/galleryBrands';
import { syntheticRelevance } from '../evaluate/relevance';
import { readJsonl } from '../lib/jsonl';
import { outDir, photosDir } from '../lib/paths';
import type { TruthRow } from '../photos/truthRow';
import { generatePhotos } from '../photos/generatePhotos';
import type { Split } from '../photos/split';
import { BENCH_RECORDAL_DATE } from '../evaluate/brandRecordals';
import { benchGalleryHash } from './calibrationDb';
import type { CandidateEvidence } from '../../core/match/fusionModel';
import type { ResolvedModel } from '../../core/embed/modelSpec';

/** One candidate's evidence as the fusion sees it (minus textRead, which is per photo). */
export type CandidateRow = Omit<CandidateEvidence, 'textRead'> & { markId: string };

export interface PhotoEvidence {
  file: string;
  kind: string;
  relevant: string[];
  hidden: string[];
  textRead: boolean;
  verifyMs: number;
  ocrMs: number;
  totalMs: number;
  /** CPU time (user + system, all threads) of the whole query */
  cpuMs: number;
  candidates: CandidateRow[];
}

/**
 * Cached per split, embedding model AND its sidecar (query sizes, gallery views) AND the bench gallery:
 * evidence from other cosines must never be refitted. Changes to the pipeline code are not seen: delete
 * bench/out/calibrate-*.
 */
export function evidencePath(split: string, model: ResolvedModel, windows = true): string {
  const spec = createHash('sha256').update(JSON.stringify(model.spec)).update(benchGalleryHash()).digest('hex').slice(0, 8);
  return join(outDir, `calibrate-${split}-${model.id.slice(0, 12)}-${spec}${windows ? '' : '-nowindows'}.json`);
}

/** Photos per kind; negatives may have their own count (a false-flag rate of <= 1 % needs hundreds). */
export interface EvidenceLimits {
  perKind: number;
  negatives: number;
  /** query with the window grid (the default) */
  windows?: boolean;
}

export async function collectEvidence(engine: Engine, split: Split, limits: EvidenceLimits, log: (l: string) => void): Promise<PhotoEvidence[]> {
  const dir = photosDir(split);
  // a fresh clone has no photos yet: make the split's as `npm run bench` does (same seed, so the same photos)
  if (!existsSync(join(dir, 'truth.jsonl'))) await generatePhotos({ split, perKind: 200, seed: 1, log });
  const path = evidencePath(split, (await engine.model()).model, limits.windows);
  const done: PhotoEvidence[] = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as PhotoEvidence[]) : [];
  const have = new Set(done.map((d) => d.file));
  const brands = loadGalleryBrands();
  const taken = new Map<string, number>();
  const rows = readJsonl<TruthRow>(join(dir, 'truth.jsonl')).filter((r) => {
    const n = taken.get(r.kind) ?? 0;
    taken.set(r.kind, n + 1);
    return n < (r.kind === 'negative' ? limits.negatives : limits.perKind);
  });
  let i = 0;
  for (const row of rows) {
    i++;
    if (have.has(row.file)) continue;
    const rel = syntheticRelevance(row, brands);
    const cpu0 = process.cpuUsage();
    const r = await engine.query(join(dir, row.file), { top: 60, date: BENCH_RECORDAL_DATE, windows: limits.windows });
    const cpu = process.cpuUsage(cpu0);
    done.push({
      file: row.file,
      kind: row.kind,
      relevant: [...rel.relevant],
      hidden: [...rel.hidden],
      textRead: (r.text?.length ?? 0) > 0,
      verifyMs: r.timings.verifyMs ?? 0,
      ocrMs: r.timings.ocrMs ?? 0,
      totalMs: r.timings.totalMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      candidates: r.results.map((m) => ({
        markId: m.markId,
        cosine: m.explanation!.cosine,
        contrast: m.explanation!.contrast,
        window: m.explanation!.window,
        margin: m.explanation!.margin,
        inliers: m.explanation!.inliers,
        inlierRatio: m.explanation!.inlierRatio,
        verified: m.verified ?? false,
        textScore: m.explanation!.textScore,
      })),
    });
    if (i % 20 === 0) {
      writeFileSync(path, JSON.stringify(done));
      log(`  ${split} ${i}/${rows.length}`);
    }
  }
  writeFileSync(path, JSON.stringify(done));
  return done;
}
