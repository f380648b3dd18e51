import type { Database } from 'better-sqlite3';
import type { Decision, DecisionRecord } from '../../api/decisions';

const COLUMNS = `id, query_id AS queryId, mark_id AS markId, recordal_id AS recordalId, decision, note,
  decided_at AS decidedAt`;

/**
 * Decisions are appended, never overwritten: changing one's mind adds a row, and the latest row per
 * (query, mark) is the decision in force. The full trail stays for the case file.
 */
export function decisionRepository(db: Database) {
  const insert = db.prepare(
    `INSERT INTO decisions (query_id, mark_id, recordal_id, decision, note, decided_at)
     VALUES (@queryId, @markId, @recordalId, @decision, @note, @decidedAt)
     RETURNING ${COLUMNS}`,
  );
  const current = db.prepare(
    `SELECT ${COLUMNS} FROM decisions d
     WHERE query_id = ? AND id = (SELECT max(id) FROM decisions WHERE query_id = d.query_id AND mark_id = d.mark_id)
     ORDER BY id`,
  );
  const trail = db.prepare(`SELECT ${COLUMNS} FROM decisions WHERE query_id = ? ORDER BY id`);
  return {
    record(d: { queryId: number; markId: string; recordalId: string | null; decision: Decision; note: string | null }): DecisionRecord {
      return insert.get({ ...d, decidedAt: new Date().toISOString() }) as DecisionRecord;
    },
    /** The decision in force for each mark of a query. */
    currentForQuery(queryId: number): DecisionRecord[] {
      return current.all(queryId) as DecisionRecord[];
    },
    /** Every decision ever recorded for a query, oldest first. */
    trailForQuery(queryId: number): DecisionRecord[] {
      return trail.all(queryId) as DecisionRecord[];
    },
  };
}
export type DecisionRepository = ReturnType<typeof decisionRepository>;
