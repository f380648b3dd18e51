import type { Database } from '../../db';
import { imageRepository, localFeatureRepository } from '../../db';
import type { ProgressListener } from '../../api/progress';
import { MarkSightError } from '../../api/errors';
import { decodeImage } from '../image';
import { extractMarkFeatures, MARK_EXTRACTOR } from './localFeatures';

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
  options: { batchSize?: number; onProgress?: ProgressListener; signal?: AbortSignal } = {},
): Promise<LocalFeatureIndexReport> {
  const started = performance.now();
  const repo = localFeatureRepository(db);
  const images = imageRepository(db);
  const batchSize = options.batchSize ?? 64;
  const total = repo.countMissing(MARK_EXTRACTOR);
  const failed: LocalFeatureIndexReport['failed'] = [];
  const skip = new Set<string>();
  let extracted = 0;
  options.onProgress?.({ phase: 'index', done: 0, total });
  for (;;) {
    if (options.signal?.aborted) throw new MarkSightError('CANCELLED', 'indexing cancelled');
    const todo = repo.imagesMissing(MARK_EXTRACTOR, batchSize + skip.size).filter((s) => !skip.has(s)).slice(0, batchSize);
    if (todo.length === 0) break;
    const rows = [];
    for (const sha of todo) {
      try {
        const stored = images.get(sha);
        if (!stored) throw new Error('image bytes missing');
        const f = await extractMarkFeatures((await decodeImage(stored.bytes)).raster);
        rows.push({ imageSha256: sha, ...f });
      } catch (err) {
        skip.add(sha);
        failed.push({ where: `image ${sha.slice(0, 12)}`, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    repo.putMany(MARK_EXTRACTOR, rows);
    if (extracted === 0) repo.deleteOtherExtractors(MARK_EXTRACTOR);
    extracted += rows.length;
    options.onProgress?.({ phase: 'index', done: extracted + failed.length, total });
  }
  return { extracted, failed, seconds: (performance.now() - started) / 1000 };
}
