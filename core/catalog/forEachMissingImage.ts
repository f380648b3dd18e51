import type { Database } from '../../db';
import { imageRepository } from '../../db';
import type { ImportProblem } from '../../api/catalog';
import type { ProgressListener } from '../../api/progress';
import { MarkSightError } from '../../api/errors';
import { decodeImage, type RasterImage } from '../image';

export interface MissingImageWork<T> {
  /** Progress phase name ('index' for vectors, 'features' for local features). */
  phase: string;
  /** Stored images still lacking this work's output, in a stable order, at most `limit`. */
  missing(limit: number): string[];
  total: number;
  batchSize: number;
  /** Longest side the stored image is decoded at (default: the working size). */
  decodeSide?: number;
  /** Per image, decoded; a throw skips that image and reports it. */
  prepare(raster: RasterImage): Promise<T>;
  /**
   * Lanes working at once, each taking the next image; a lane given here receives the image's stored bytes
   * instead and decodes them itself (on another thread, say). Lane 0 is `prepare`'s.
   */
  otherLanes?: ((bytes: Buffer, decodeSide: number | undefined) => Promise<T>)[];
  /** Per batch, in one transaction, so a killed run loses at most one batch. */
  store(items: { sha: string; value: T }[]): Promise<void> | void;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

/**
 * The resumable batch loop shared by every per-image index (vectors, local features): fetch what is
 * missing, decode the stored bytes, prepare each image, store the batch, report progress and failures.
 */
export async function forEachMissingImage<T>(db: Database, work: MissingImageWork<T>): Promise<{ done: number; failed: ImportProblem[] }> {
  const images = imageRepository(db);
  const marksShowing = db.prepare('SELECT id FROM marks WHERE image_sha256 = ? ORDER BY id').pluck();
  // the inspector knows marks by id, not images by hash
  const nameOf = (sha: string) => {
    const ids = marksShowing.all(sha) as string[];
    return ids.length ? `mark ${ids.join(', ')}` : `image ${sha.slice(0, 12)}`;
  };
  const failed: ImportProblem[] = [];
  const skip = new Set<string>();
  let done = 0;
  work.onProgress?.({ phase: work.phase, done: 0, total: work.total });
  for (;;) {
    if (work.signal?.aborted) throw new MarkSightError('CANCELLED', 'indexing cancelled');
    const todo = work.missing(work.batchSize + skip.size).filter((s) => !skip.has(s)).slice(0, work.batchSize);
    if (todo.length === 0) break;
    const items: { sha: string; value: T }[] = [];
    const batchFailed: (ImportProblem & { at: number })[] = [];
    let next = 0;
    const lane = async (fromBytes?: (bytes: Buffer, decodeSide: number | undefined) => Promise<T>) => {
      while (next < todo.length) {
        const at = next++;
        const sha = todo[at];
        try {
          const stored = images.get(sha);
          if (!stored) throw new Error('image bytes missing');
          const value = fromBytes
            ? await fromBytes(stored.bytes, work.decodeSide)
            : await work.prepare((await decodeImage(stored.bytes, work.decodeSide)).raster);
          items.push({ sha, value });
        } catch (err) {
          skip.add(sha);
          batchFailed.push({ at, where: nameOf(sha), reason: err instanceof Error ? err.message : String(err) });
        }
      }
    };
    await Promise.all([lane(), ...(work.otherLanes ?? []).map((l) => lane(l))]);
    // lanes finish in any order: report failures in the images' order, the same on every run
    failed.push(...batchFailed.sort((a, b) => a.at - b.at).map(({ where, reason }) => ({ where, reason })));
    await work.store(items);
    done += items.length;
    work.onProgress?.({ phase: work.phase, done: done + failed.length, total: work.total });
  }
  return { done, failed };
}
