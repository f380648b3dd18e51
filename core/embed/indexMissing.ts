import type { Database } from '../../db';
import { embeddingRepository } from '../../db';
import type { IndexReport } from '../../api/catalog';
import type { ProgressListener } from '../../api/progress';
import { forEachMissingImage } from '../catalog/forEachMissingImage';
import { MARK_RASTER_SIDE, reflatten, withSeeThrough, type RasterImage } from '../image';
import type { MarkView } from './modelSpec';
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

  const views = embedder.model.spec.input.markViews;

  const { done: embedded, failed } = await forEachMissingImage(db, {
    phase: 'index',
    missing: (limit) => embeddings.imagesMissing(embedder.id, limit, views),
    total: embeddings.countMissing(embedder.id, views),
    batchSize: options.batchSize ?? 16,
    decodeSide: MARK_RASTER_SIDE,
    prepare: async (raster) => views.map((view) => viewOf(raster, view)),
    store: async (items) => {
      const rows = items.flatMap((item) => item.value.map((raster, v) => ({ imageSha256: item.sha, region: views[v], raster })));
      const present = rows.filter((r) => r.raster !== null);
      const vectors = await embedder.embedMarks(present.map((r) => r.raster!));
      const vectorOf = new Map(present.map((r, i) => [r, vectors[i]]));
      embeddings.putMany(embedder.id, rows.map((r) => ({ imageSha256: r.imageSha256, region: r.region, vector: vectorOf.get(r) ?? null })));
    },
    onProgress: options.onProgress,
    signal: options.signal,
  });
  return { embedded, failed, seconds: (performance.now() - started) / 1000, modelId: embedder.id, features: null };
}

/** Mid-grey: a see-through mark printed on goods sits on neither white nor black. */
const GREY_VIEW_BACKGROUND = 127;

/**
 * The raster for one gallery view; null when that view would repeat the full one (a mark on a busy
 * ground). A mark without alpha on a plain white, grey or black ground (most recordal JPEGs) gets the
 * grey view too, its ground found from the border.
 */
function viewOf(raster: RasterImage, view: MarkView): RasterImage | null {
  return view === 'full' ? raster : reflatten(withSeeThrough(raster), GREY_VIEW_BACKGROUND);
}
