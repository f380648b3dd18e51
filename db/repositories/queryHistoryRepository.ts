import type { Database } from 'better-sqlite3';

export interface StoredQuery {
  id: number;
  createdAt: string;
  photoSha256: string;
  fileName: string | null;
  /** JSON text, as stored. */
  options: string;
  /** JSON text, as stored. */
  result: string;
}

export interface NewQuery {
  createdAt: string;
  photoSha256: string;
  photoThumbnail: Buffer | null;
  fileName: string | null;
  options: string;
  result: string;
}

export interface QuerySummaryRow {
  id: number;
  createdAt: string;
  fileName: string | null;
  result: string;
  decisions: number;
}

const COLUMNS = 'id, created_at AS createdAt, photo_sha256 AS photoSha256, file_name AS fileName, options, result';

/** Past queries: what was asked, what was shown. */
export function queryHistoryRepository(db: Database) {
  const insert = db.prepare(
    `INSERT INTO queries (created_at, photo_sha256, photo_thumbnail, file_name, options, result)
     VALUES (@createdAt, @photoSha256, @photoThumbnail, @fileName, @options, @result)`,
  );
  const get = db.prepare(`SELECT ${COLUMNS} FROM queries WHERE id = ?`);
  const thumb = db.prepare('SELECT photo_thumbnail FROM queries WHERE id = ?').pluck();
  const recent = db.prepare(
    `SELECT q.id, q.created_at AS createdAt, q.file_name AS fileName, q.result,
            (SELECT count(DISTINCT d.mark_id) FROM decisions d WHERE d.query_id = q.id) AS decisions
     FROM queries q ORDER BY q.id DESC LIMIT ?`,
  );
  return {
    insert(q: NewQuery): number {
      return Number(insert.run(q).lastInsertRowid);
    },
    /** Rewrites the stored result (the result JSON carries the query id, known only after insert). */
    updateResult(id: number, result: string): void {
      db.prepare('UPDATE queries SET result = ? WHERE id = ?').run(result, id);
    },
    get(id: number): StoredQuery | undefined {
      return get.get(id) as StoredQuery | undefined;
    },
    thumbnail(id: number): Buffer | null {
      return (thumb.get(id) as Buffer | null | undefined) ?? null;
    },
    recent(limit: number): QuerySummaryRow[] {
      return recent.all(limit) as QuerySummaryRow[];
    },
  };
}
export type QueryHistoryRepository = ReturnType<typeof queryHistoryRepository>;
