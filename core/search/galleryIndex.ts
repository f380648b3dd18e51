import type { Database } from '../../db';
import { embeddingRepository } from '../../db';
import type { RecordalStatus } from '../../api/recordal';
import type { HubnessReference } from '../embed/modelSpec';
import { VectorIndex } from './vectorIndex';

export interface GalleryMark {
  markId: string;
  recordalId: string | null;
  markName: string | null;
  holder: string | null;
  status: RecordalStatus | null;
}

/**
 * The searchable gallery for one model: image vectors plus the marks that use each image. Loaded
 * from SQLite once per process and rebuilt after anything writes marks or vectors.
 */
export class GalleryIndex {
  /** What the ranking subtracts per image (weight x centred hubness); empty without a reference set. */
  private hubPenalty = new Map<string, number>();

  private constructor(
    readonly vectors: VectorIndex,
    readonly marksByImage: Map<string, GalleryMark[]>,
    readonly unindexedMarks: number,
  ) {}

  /** The hubness penalty of an image (0 without a reference set or for an unknown key). */
  penalty(key: string): number {
    return this.hubPenalty.get(key) ?? 0;
  }

  /**
   * Measures every image's hubness against the reference regions: the mean of its k best cosines to
   * them, at its most hub-like view, centred on the gallery's mean. One onnxruntime batch per 4,096 rows.
   */
  async measureHubness(reference: HubnessReference): Promise<void> {
    const dim = this.vectors.dim;
    const refs = VectorIndex.from(Array.from({ length: reference.count }, (_, i) => `ref${i}`), reference.vectors, dim);
    const k = Math.min(reference.k, reference.count);
    const byKey = new Map<string, number>();
    const { keys, data } = this.vectors.rowsView();
    const rows = data.length / dim;
    try {
      for (let start = 0; start < rows; start += 4096) {
        const end = Math.min(rows, start + 4096);
        const queries = [];
        for (let row = start; row < end; row++) queries.push(data.subarray(row * dim, (row + 1) * dim));
        const hits = await refs.searchMany(queries, queries.map(() => k));
        hits.forEach((h, i) => {
          const mean = h.reduce((a, x) => a + x.score, 0) / Math.max(1, h.length);
          const key = keys[start + i];
          byKey.set(key, Math.max(byKey.get(key) ?? -Infinity, mean));
        });
      }
    } finally {
      refs.close();
    }
    let total = 0;
    for (const v of byKey.values()) total += v;
    const centre = byKey.size ? total / byKey.size : 0;
    this.hubPenalty = new Map([...byKey].map(([key, v]) => [key, reference.weight * (v - centre)]));
  }

  /** `views`: the gallery views the model asks for; a mark scores by its best one. */
  static load(db: Database, modelId: string, dim: number, views: readonly string[] = ['full']): GalleryIndex {
    const stored = embeddingRepository(db).loadAll(modelId, dim, views);
    const vectors = VectorIndex.from(stored.imageSha256, stored.vectors, dim);
    const rows = db
      .prepare(
        `SELECT m.id AS markId, m.recordal_id AS recordalId, m.image_sha256 AS sha, r.mark_name AS markName,
                h.name AS holder, r.status AS status
         FROM marks m LEFT JOIN recordals r ON r.id = m.recordal_id LEFT JOIN right_holders h ON h.id = r.holder_id
         ORDER BY m.id`,
      )
      .all() as (GalleryMark & { sha: string })[];
    const marksByImage = new Map<string, GalleryMark[]>();
    for (const { sha, ...mark } of rows) {
      const list = marksByImage.get(sha) ?? [];
      list.push(mark);
      marksByImage.set(sha, list);
    }
    const indexed = new Set(stored.imageSha256);
    let unindexed = 0;
    for (const [sha, marks] of marksByImage) if (!indexed.has(sha)) unindexed += marks.length;
    return new GalleryIndex(vectors, marksByImage, unindexed);
  }

  get markCount(): number {
    let n = 0;
    for (const m of this.marksByImage.values()) n += m.length;
    return n;
  }
}
