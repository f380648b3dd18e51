import type { Database } from '../../db';
import { embeddingRepository, imageRepository } from '../../db';
import type { IndexReport } from '../../api/catalog';
import type { ProgressListener } from '../../api/progress';
import { MarkSightError } from '../../api/errors';
import { decodeImage, MARK_RASTER_SIDE, type RasterImage } from '../image';
import type { OnnxEmbedder } from './onnxEmbedder';

export interface IndexOptions {
  batchSize?: number;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

/**
 * Embeds every stored mark image that has no vector from this model. Each batch is committed on its
 * own, so a killed run loses at most one batch and the next run carries on where it stopped.
 */
export async function indexMissing(db: Database, embedder: OnnxEmbedder, options: IndexOptions = {}): Promise<IndexReport> {
  const started = performance.now();
  const embeddings = embeddingRepository(db);
  const images = imageRepository(db);
  const batchSize = options.batchSize ?? 16;
  embeddings.registerModel({ id: embedder.id, name: embedder.model.spec.name, dim: embedder.dim });

  const total = embeddings.countMissing(embedder.id);
  const failed: IndexReport['failed'] = [];
  const skip = new Set<string>();
  let embedded = 0;
  options.onProgress?.({ phase: 'index', done: 0, total });

  for (;;) {
    if (options.signal?.aborted) throw new MarkSightError('CANCELLED', 'indexing cancelled');
    const todo = embeddings.imagesMissing(embedder.id, batchSize + skip.size).filter((s) => !skip.has(s)).slice(0, batchSize);
    if (todo.length === 0) break;
    const rasters: { sha: string; raster: RasterImage }[] = [];
    for (const sha of todo) {
      try {
        const stored = images.get(sha);
        if (!stored) throw new Error('image bytes missing');
        rasters.push({ sha, raster: (await decodeImage(stored.bytes, MARK_RASTER_SIDE)).raster });
      } catch (err) {
        skip.add(sha);
        failed.push({ where: `image ${sha.slice(0, 12)}`, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    const vectors = await embedder.embedMarks(rasters.map((r) => r.raster));
    embeddings.putMany(embedder.id, rasters.map((r, i) => ({ imageSha256: r.sha, vector: vectors[i] })));
    embedded += rasters.length;
    options.onProgress?.({ phase: 'index', done: embedded + failed.length, total });
  }
  return { embedded, failed, seconds: (performance.now() - started) / 1000, modelId: embedder.id };
}
