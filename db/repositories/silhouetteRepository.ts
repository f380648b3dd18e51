import type { Database } from 'better-sqlite3';

/** Marks' packed silhouettes by image and masking version; core/verify/silhouette gives them meaning. */
export function silhouetteRepository(db: Database) {
  const getStmt = db.prepare('SELECT masks FROM mark_silhouettes WHERE image_sha256 = ? AND version = ?').pluck();
  return {
    /** Images that marks use and that have no silhouettes of this version yet. */
    imagesMissing(version: string, limit: number): string[] {
      return db
        .prepare(
          `SELECT DISTINCT m.image_sha256 FROM marks m
           WHERE NOT EXISTS (SELECT 1 FROM mark_silhouettes s WHERE s.image_sha256 = m.image_sha256 AND s.version = ?)
           ORDER BY m.image_sha256 LIMIT ?`,
        )
        .pluck()
        .all(version, limit) as string[];
    },

    countMissing(version: string): number {
      return db
        .prepare(
          `SELECT count(DISTINCT m.image_sha256) FROM marks m
           WHERE NOT EXISTS (SELECT 1 FROM mark_silhouettes s WHERE s.image_sha256 = m.image_sha256 AND s.version = ?)`,
        )
        .pluck()
        .get(version) as number;
    },

    /** Stores a batch in one transaction. */
    putMany(version: string, rows: { imageSha256: string; masks: Uint8Array }[]): void {
      const stmt = db.prepare('INSERT OR REPLACE INTO mark_silhouettes (image_sha256, version, masks) VALUES (?, ?, ?)');
      db.transaction(() => {
        for (const r of rows) stmt.run(r.imageSha256, version, Buffer.from(r.masks.buffer, r.masks.byteOffset, r.masks.byteLength));
      })();
    },

    get(imageSha256: string, version: string): Uint8Array | undefined {
      const blob = getStmt.get(imageSha256, version) as Buffer | undefined;
      return blob && new Uint8Array(blob);
    },

    /** Drops silhouettes of every other version (masking changed). */
    deleteOtherVersions(version: string): number {
      return db.prepare('DELETE FROM mark_silhouettes WHERE version <> ?').run(version).changes;
    },
  };
}
export type SilhouetteRepository = ReturnType<typeof silhouetteRepository>;
