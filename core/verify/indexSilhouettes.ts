import type { Database } from '../../db';
import { silhouetteRepository } from '../../db';
import type { ProgressListener } from '../../api/progress';
import { forEachMissingImage } from '../catalog/forEachMissingImage';
import { MARK_SHAPE_SIDE, markSilhouettes, packSilhouettes, SILHOUETTE_VERSION } from './silhouette';

export interface SilhouetteIndexReport {
  extracted: number;
  failed: { where: string; reason: string }[];
  seconds: number;
}

/** Masks every mark image lacking silhouettes of the current version; batches commit on their own (resumable). */
export async function indexSilhouettes(
  db: Database,
  options: { batchSize?: number; onProgress?: ProgressListener; signal?: AbortSignal } = {},
): Promise<SilhouetteIndexReport> {
  const started = performance.now();
  const repo = silhouetteRepository(db);
  let first = true;
  const { done: extracted, failed } = await forEachMissingImage(db, {
    missing: (limit) => repo.imagesMissing(SILHOUETTE_VERSION, limit),
    total: repo.countMissing(SILHOUETTE_VERSION),
    batchSize: options.batchSize ?? 128,
    decodeSide: MARK_SHAPE_SIDE,
    prepare: async (raster) => packSilhouettes(await markSilhouettes(raster)),
    store: (items) => {
      repo.putMany(SILHOUETTE_VERSION, items.map((r) => ({ imageSha256: r.sha, masks: r.value })));
      if (first) repo.deleteOtherVersions(SILHOUETTE_VERSION);
      first = false;
    },
    onProgress: options.onProgress,
    signal: options.signal,
  });
  return { extracted, failed, seconds: (performance.now() - started) / 1000 };
}
