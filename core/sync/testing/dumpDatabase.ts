import { createHash } from 'node:crypto';
import type { Database } from '../../../db';

export interface DumpOptions {
  /** Tables left out (e.g. embeddings, which a resumable indexer fills after the commit). */
  skipTables?: string[];
  /** Only these tables (e.g. local_features, to compare what a package carried). */
  onlyTables?: string[];
  /** Drop `*_at` columns and `*_at` meta keys: wall-clock times that differ between two equal applies. */
  skipTimestamps?: boolean;
}

/** Every row of every table as sorted text (blobs as their sha256): equal dumps mean equal content. */
export function dumpDatabase(db: Database, options: DumpOptions = {}): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: string[] = [];
  for (const table of tables) {
    if (options.skipTables?.includes(table)) continue;
    if (options.onlyTables && !options.onlyTables.includes(table)) continue;
    let rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
    if (options.skipTimestamps && table === 'meta') rows = rows.filter((r) => !String(r.key).endsWith('_at'));
    const lines = rows.map((row) =>
      JSON.stringify(
        Object.entries(row)
          .filter(([k]) => !(options.skipTimestamps && k.endsWith('_at')))
          .map(([k, v]) => [k, Buffer.isBuffer(v) ? `blob:${createHash('sha256').update(v).digest('hex')}` : v]),
      ),
    );
    out.push(`## ${table} (${rows.length})`, ...lines.sort());
  }
  return out.join('\n');
}
