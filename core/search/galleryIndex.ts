import type { Database } from '../../db';
import { embeddingRepository } from '../../db';
import type { RecordalStatus } from '../../api/recordal';
import { VectorIndex } from './vectorIndex';

export interface GalleryMark {
  markId: string;
  recordalId: string | null;
  markName: string | null;
  holder: string | null;
  status: RecordalStatus | null;
  niceClasses: number[];
}

/**
 * The searchable gallery for one model: image vectors plus the marks that use each image. Loaded
 * from SQLite once per process and rebuilt after anything writes marks or vectors.
 */
export class GalleryIndex {
  private constructor(
    readonly vectors: VectorIndex,
    readonly marksByImage: Map<string, GalleryMark[]>,
    readonly unindexedMarks: number,
  ) {}

  /** `views`: the gallery views the model asks for; a mark scores by its best one. */
  static load(db: Database, modelId: string, dim: number, views: readonly string[] = ['full']): GalleryIndex {
    const stored = embeddingRepository(db).loadAll(modelId, dim, views);
    const vectors = VectorIndex.from(stored.imageSha256, stored.vectors, dim);
    const rows = db
      .prepare(
        `SELECT m.id AS markId, m.recordal_id AS recordalId, m.image_sha256 AS sha, r.mark_name AS markName,
                h.name AS holder, r.status AS status, r.nice_classes AS niceClasses
         FROM marks m LEFT JOIN recordals r ON r.id = m.recordal_id LEFT JOIN right_holders h ON h.id = r.holder_id
         ORDER BY m.id`,
      )
      .all() as (Omit<GalleryMark, 'niceClasses'> & { sha: string; niceClasses: string | null })[];
    const marksByImage = new Map<string, GalleryMark[]>();
    for (const { sha, niceClasses, ...mark } of rows) {
      const list = marksByImage.get(sha) ?? [];
      list.push({ ...mark, niceClasses: niceClasses ? (JSON.parse(niceClasses) as number[]) : [] });
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
