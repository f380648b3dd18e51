import type { Database } from 'better-sqlite3';

/** One schema step. `version` is stored in PRAGMA user_version once `up` has run. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
