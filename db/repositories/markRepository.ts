import type { Database } from 'better-sqlite3';
import type { MarkKind } from '../../api/recordal';

export interface MarkRow {
  id: string;
  recordalId: string | null;
  imageSha256: string;
  kind: MarkKind;
  sourcePath: string | null;
}

const COLUMNS = 'id, recordal_id AS recordalId, image_sha256 AS imageSha256, kind, source_path AS sourcePath';

/** Recorded marks: each points at one stored image and (optionally) its recordal. */
export function markRepository(db: Database) {
  const upsert = db.prepare(
    `INSERT INTO marks (id, recordal_id, image_sha256, kind, source_path, updated_at)
     VALUES (@id, @recordalId, @imageSha256, @kind, @sourcePath, @now)
     ON CONFLICT(id) DO UPDATE SET recordal_id = excluded.recordal_id, image_sha256 = excluded.image_sha256,
       kind = excluded.kind, source_path = excluded.source_path, updated_at = excluded.updated_at`,
  );
  const get = db.prepare(`SELECT ${COLUMNS} FROM marks WHERE id = ?`);
  return {
    upsert(mark: MarkRow): void {
      upsert.run({ ...mark, now: new Date().toISOString() });
    },
    get(id: string): MarkRow | undefined {
      return get.get(id) as MarkRow | undefined;
    },
    all(): MarkRow[] {
      return db.prepare(`SELECT ${COLUMNS} FROM marks ORDER BY id`).all() as MarkRow[];
    },
    count(): number {
      return db.prepare('SELECT count(*) FROM marks').pluck().get() as number;
    },
  };
}
export type MarkRepository = ReturnType<typeof markRepository>;
