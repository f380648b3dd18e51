import type { Database } from 'better-sqlite3';
import { DatabaseTooNewError } from './DatabaseTooNewError';
import type { Migration } from './migrations/migration';

/** Applies every migration newer than the file's user_version, each in its own transaction. */
export function migrate(db: Database, list: readonly Migration[]): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = list.length ? list[list.length - 1].version : 0;
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  for (const m of list) {
    if (m.version <= from) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: Math.max(from, latest) };
}
