import type { Database } from 'better-sqlite3';
import { floatsOf } from './floatBlob';

/** Keypoints and descriptors of one image as stored; the verifier gives them meaning. */
export interface StoredLocalFeatures {
  imageSha256: string;
  width: number;
  height: number;
  count: number;
  /** float32 x,y pairs */
  points: Float32Array;
  descriptors: Uint8Array;
}

/** Precomputed local features per (image, extractor). */
export function localFeatureRepository(db: Database) {
  const getStmt = db.prepare(
    'SELECT image_sha256, width, height, count, points, descriptors FROM local_features WHERE image_sha256 = ? AND extractor = ?',
  );
  return {
    /** Images that marks use and that have no features from this extractor yet. */
    imagesMissing(extractor: string, limit: number): string[] {
      return db
        .prepare(
          `SELECT DISTINCT m.image_sha256 FROM marks m
           WHERE NOT EXISTS (SELECT 1 FROM local_features f WHERE f.image_sha256 = m.image_sha256 AND f.extractor = ?)
           ORDER BY m.image_sha256 LIMIT ?`,
        )
        .pluck()
        .all(extractor, limit) as string[];
    },

    countMissing(extractor: string): number {
      return db
        .prepare(
          `SELECT count(DISTINCT m.image_sha256) FROM marks m
           WHERE NOT EXISTS (SELECT 1 FROM local_features f WHERE f.image_sha256 = m.image_sha256 AND f.extractor = ?)`,
        )
        .pluck()
        .get(extractor) as number;
    },

    /** Stores a batch in one transaction. */
    putMany(extractor: string, rows: StoredLocalFeatures[]): void {
      const stmt = db.prepare(
        `INSERT OR REPLACE INTO local_features (image_sha256, extractor, width, height, count, points, descriptors)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      db.transaction(() => {
        for (const r of rows) {
          stmt.run(
            r.imageSha256,
            extractor,
            r.width,
            r.height,
            r.count,
            Buffer.from(r.points.buffer, r.points.byteOffset, r.points.byteLength),
            Buffer.from(r.descriptors.buffer, r.descriptors.byteOffset, r.descriptors.byteLength),
          );
        }
      })();
    },

    get(imageSha256: string, extractor: string): StoredLocalFeatures | undefined {
      const row = getStmt.get(imageSha256, extractor) as
        | { image_sha256: string; width: number; height: number; count: number; points: Buffer; descriptors: Buffer }
        | undefined;
      if (!row) return undefined;
      return {
        imageSha256: row.image_sha256,
        width: row.width,
        height: row.height,
        count: row.count,
        points: floatsOf(row.points),
        descriptors: new Uint8Array(row.descriptors),
      };
    },

    count(extractor: string): number {
      return db.prepare('SELECT count(*) FROM local_features WHERE extractor = ?').pluck().get(extractor) as number;
    },

    /** Drops features of every other extractor (settings changed). */
    deleteOtherExtractors(extractor: string): number {
      return db.prepare('DELETE FROM local_features WHERE extractor <> ?').run(extractor).changes;
    },
  };
}
export type LocalFeatureRepository = ReturnType<typeof localFeatureRepository>;
