// The benchmark database: the whole gallery imported (one recordal per brand) and indexed with the active model. Rebuilt
// only when the gallery changed; `indexMissing` re-embeds by itself when the model changed, so a
// rerun with the same gallery and model costs one cheap no-op pass.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { openEngine, type Engine } from '../../core/engine';
import type { GalleryMark } from '../gallery/galleryMark';
import { GALLERY_RASTER_VERSION } from '../gallery/galleryRaster';
import { readJsonl } from '../lib/jsonl';
import { galleryJsonl, galleryPngDir } from '../lib/paths';
import { addBrandRecordals } from './brandRecordals';

export interface BuildReport {
  reused: boolean;
  imported: number;
  importSeconds: number;
  embedded: number;
  indexSeconds: number;
  /** embedding throughput of the run that built the index (remembered across reruns); null when unknown
   * (the model's vectors were already stored, e.g. after switching back to an earlier model) */
  indexImagesPerSecond: number | null;
  modelId: string;
}

export interface Stamp {
  galleryHash: string;
  modelId?: string;
  indexImagesPerSecond?: number;
}

const stampPath = (dbPath: string) => `${dbPath}.stamp.json`;

/** What the bench DB at `dbPath` was built from (gallery hash, model), or null before its first build. */
export function readStamp(dbPath: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(stampPath(dbPath), 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

/** Bump when the import into the bench DB changes, so a DB built the old way is rebuilt (2: blank mark images are refused). */
const BENCH_DB_VERSION = 'import-2';

export async function openBenchEngine(dbPath: string, log: (line: string) => void = console.log): Promise<{ engine: Engine; build: BuildReport }> {
  const galleryHash = createHash('sha256').update(readFileSync(galleryJsonl)).update(GALLERY_RASTER_VERSION).update(BENCH_DB_VERSION).digest('hex');
  const stamp = readStamp(dbPath);
  const reused = existsSync(dbPath) && stamp?.galleryHash === galleryHash;
  if (!reused) for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, stampPath(dbPath)]) rmSync(f, { force: true });

  const engine = await openEngine({ dbPath });
  let imported = 0;
  let importSeconds = 0;
  if (!reused) {
    const t = performance.now();
    const report = await engine.importImages(galleryPngDir);
    importSeconds = (performance.now() - t) / 1000;
    imported = report.marks;
    log(`bench db: imported ${imported} marks in ${importSeconds.toFixed(1)} s (${(imported / importSeconds).toFixed(0)} images/s)` +
      (report.problems.length ? `, ${report.problems.length} problems (first: ${report.problems[0]!.where}: ${report.problems[0]!.reason})` : ''));
    writeFileSync(stampPath(dbPath), JSON.stringify({ galleryHash } satisfies Stamp));
  }

  const recordals = addBrandRecordals(engine.db, readJsonl<GalleryMark>(galleryJsonl));
  if (recordals) log(`bench db: ${recordals} recordals (one per brand, mark name = the brand's title)`);

  let lastLog = 0;
  const index = await engine.indexMissing({
    onProgress: (p) => {
      if (p.done - lastLog >= 500 || (p.done === p.total && p.total > 0)) {
        lastLog = p.done;
        log(`  index ${p.done}/${p.total}`);
      }
    },
  });
  const sameModel = stamp?.modelId === index.modelId && reused;
  const rate = index.embedded > 0 ? index.embedded / index.seconds : sameModel ? (stamp?.indexImagesPerSecond ?? null) : null;
  if (index.embedded > 0 || !sameModel) {
    writeFileSync(stampPath(dbPath), JSON.stringify({ galleryHash, modelId: index.modelId, ...(rate !== null ? { indexImagesPerSecond: rate } : {}) } satisfies Stamp));
  }
  log(
    index.embedded > 0
      ? `bench db: embedded ${index.embedded} images in ${index.seconds.toFixed(1)} s (${rate!.toFixed(1)} images/s)` +
          (index.failed.length ? `, ${index.failed.length} failed` : '')
      : `bench db: reused (gallery and model ${index.modelId.slice(0, 12)} unchanged; built at ${rate?.toFixed(1) ?? 'an unknown rate'} images/s)`,
  );
  return {
    engine,
    build: { reused, imported, importSeconds, embedded: index.embedded, indexSeconds: index.seconds, indexImagesPerSecond: rate, modelId: index.modelId },
  };
}
