import type { Database } from 'better-sqlite3';

/** Small named values of this device (settings, last sync time), in the `meta` table as JSON. */
export function metaRepository(db: Database) {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    get<T>(key: string): T | undefined {
      const v = get.get(key) as string | undefined;
      return v === undefined ? undefined : (JSON.parse(v) as T);
    },
    put(key: string, value: unknown): void {
      put.run(key, JSON.stringify(value));
    },
  };
}
export type MetaRepository = ReturnType<typeof metaRepository>;
