import type { Database } from '../../db';
import { localFeatureRepository } from '../../db';
import type { ProgressListener } from '../../api/progress';
import { forEachMissingImage } from '../catalog/forEachMissingImage';
import { extractMarkFeatures, MARK_EXTRACTOR } from './localFeatures';
import type { VerifierThread } from './verifierThread';

export interface LocalFeatureIndexReport {
  extracted: number;
  failed: { where: string; reason: string }[];
  seconds: number;
}

/**
 * Extracts and stores local features for every mark image that has none from the current extractor.
 * Batches commit on their own, so a killed run resumes where it stopped.
 */
export async function indexLocalFeatures(
  db: Database,
  options: { batchSize?: number; onProgress?: ProgressListener; signal?: AbortSignal; thread?: VerifierThread } = {},
): Promise<LocalFeatureIndexReport> {
  const { thread } = options;
  const started = performance.now();
  const repo = localFeatureRepository(db);
  let first = true;
  const { done: extracted, failed } = await forEachMissingImage(db, {
    phase: 'features',
    missing: (limit) => repo.imagesMissing(MARK_EXTRACTOR, limit),
    total: repo.countMissing(MARK_EXTRACTOR),
    batchSize: options.batchSize ?? 64,
    prepare: extractMarkFeatures,
    // decoding (an SVG rendered at the working size) and OpenCV's WASM each hold one core: with the verification
    // thread, every other image is done there (demo database, 300 marks: 58 -> 31 ms an image, the same features)
    otherLanes: thread ? [(bytes, side) => thread.markFeatures(bytes, side)] : [],
    store: (items) => {
      repo.putMany(MARK_EXTRACTOR, items.map((r) => ({ imageSha256: r.sha, ...r.value })));
      // rows of an older extractor go once the new one has written something
      if (first) repo.deleteOtherExtractors(MARK_EXTRACTOR);
      first = false;
    },
    onProgress: options.onProgress,
    signal: options.signal,
  });
  return { extracted, failed, seconds: (performance.now() - started) / 1000 };
}
