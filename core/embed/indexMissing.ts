import type { Database } from '../../db';
import { embeddingRepository } from '../../db';
import type { IndexReport } from '../../api/catalog';
import type { ProgressListener } from '../../api/progress';
import { forEachMissingImage } from '../catalog/forEachMissingImage';
import { MARK_RASTER_SIDE } from '../image';
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
  embeddings.registerModel({ id: embedder.id, name: embedder.model.spec.name, dim: embedder.dim });

  const { done: embedded, failed } = await forEachMissingImage(db, {
    missing: (limit) => embeddings.imagesMissing(embedder.id, limit),
    total: embeddings.countMissing(embedder.id),
    batchSize: options.batchSize ?? 16,
    decodeSide: MARK_RASTER_SIDE,
    prepare: async (raster) => raster,
    store: async (items) => {
      const vectors = await embedder.embedMarks(items.map((r) => r.value));
      embeddings.putMany(embedder.id, items.map((r, i) => ({ imageSha256: r.sha, vector: vectors[i] })));
    },
    onProgress: options.onProgress,
    signal: options.signal,
  });
  return { embedded, failed, seconds: (performance.now() - started) / 1000, modelId: embedder.id };
}
