import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers/tempDir';
import { DatabaseTooNewError } from './DatabaseTooNewError';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { openDatabase } from './openDatabase';

const dir = tempDir();

describe('migrations', () => {
  it('only go up, one version each', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('bring a new file to the latest version in WAL mode with STRICT tables', () => {
    const db = openDatabase(join(dir, 'new.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[];
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT\s*$/);
    db.close();
  });

  it('are idempotent when the file is reopened', () => {
    const path = join(dir, 'again.db');
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(migrate(db, migrations).from).toBe(migrations.at(-1)!.version);
    db.close();
  });

  it('roll back a failing step whole, leaving the version where it was', () => {
    const db = new BetterSqlite3(join(dir, 'fail.db'));
    const broken = [
      migrations[0],
      { version: 99, name: 'broken', up: (d: typeof db) => d.exec('CREATE TABLE half (x INTEGER) STRICT; SELECT no_such_function();') },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(migrations[0].version);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuse a database from a newer MarkSight by name', () => {
    const path = join(dir, 'future.db');
    const raw = new BetterSqlite3(path);
    raw.pragma('user_version = 9999');
    raw.close();
    expect(() => openDatabase(path)).toThrow(DatabaseTooNewError);
  });
});
