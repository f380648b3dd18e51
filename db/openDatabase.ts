import BetterSqlite3, { type Database } from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate';
import { NoDatabaseError } from './NoDatabaseError';
import { migrations } from './migrations';

export type { Database };

/**
 * Opens a MarkSight database file, in WAL mode, migrated to the latest schema; creates it (and its folder) unless
 * `mustExist` or `readonly`: commands that only read or add to a catalogue must not answer from an empty new one.
 */
export function openDatabase(path: string, options: { readonly?: boolean; mustExist?: boolean } = {}): Database {
  const mustExist = Boolean(options.readonly || options.mustExist);
  if (path !== ':memory:' && mustExist && !existsSync(path)) throw new NoDatabaseError(path);
  if (path !== ':memory:' && !mustExist) mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path, { readonly: options.readonly ?? false, fileMustExist: mustExist });
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db, migrations);
  }
  return db;
}
