// Runs the engine (verification on) over a generated split and keeps, per photo, every shortlisted
// candidate's evidence: the rows the fusion is fitted on and the metrics are computed from.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * Cached per split, embedding model AND its sidecar (query sizes, gallery views), the bench gallery AND the
 * pipeline's code and models: evidence from other cosines or another pipeline must never be refitted (a cache
 * kept across a code change once made the committed fit irreproducible).
 */
export function evidencePath(split: string, model: ResolvedModel, windows = true): string {
  const spec = createHash('sha256').update(JSON.stringify(model.spec)).update(benchGalleryHash()).update(pipelineHash()).digest('hex').slice(0, 8);
  return join(outDir, `calibrate-${split}-${model.id.slice(0, 12)}-${spec}${windows ? '' : '-nowindows'}.json`);
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The engine's code (core/, without tests), the model files and the locked dependencies (the OCR models come from
 * npm). The fusion's coefficients are left out: the evidence is what they are fitted on.
 */
function pipelineHash(): string {
  const hash = createHash('sha256');
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  const code = files('core').filter((f) => /\.(ts|mjs|json)$/.test(f) && !/\.test\.ts$/.test(f) && !f.endsWith('fusion-coefficients.json'));
  const models = readdirSync(join(root, 'models')).filter((f) => /\.(onnx|json|f32)$/.test(f)).map((f) => join('models', f));
  for (const f of [...code, ...models, 'package-lock.json'].sort()) hash.update(f).update(readFileSync(join(root, f)));
  return hash.digest('hex');
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
    // the shortlist a query verifies (its default `top`), every candidate of it: the rows do not depend on the fusion in use
    const r = await engine.query(join(dir, row.file), { everyCandidate: true, date: BENCH_RECORDAL_DATE, windows: limits.windows });
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
  // the cache may hold more photos than asked for (an earlier, larger run): fit and report on exactly these
  const asked = new Set(rows.map((r) => r.file));
  return done.filter((d) => asked.has(d.file));
}
