import type { Migration } from './migration';

/**
 * Query history and the inspector's decision per match. A query keeps the photo's hash, a small
 * thumbnail (not the photo: the device holds thousands of queries), the options and the full result,
 * so a past query reopens exactly as it was. The case issue builds cases on top of these rows.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'decisions',
  up(db) {
    db.exec(`
      CREATE TABLE queries (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        photo_sha256 TEXT NOT NULL,
        photo_thumbnail BLOB,               -- JPEG display copy, longest side <= 1024 px
        file_name TEXT,
        options TEXT NOT NULL DEFAULT '{}', -- JSON: top, crop, context, filters
        result TEXT NOT NULL                -- JSON: the QueryView as first shown
      ) STRICT;
      CREATE INDEX queries_by_time ON queries(created_at);

      CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        query_id INTEGER NOT NULL REFERENCES queries(id) ON DELETE CASCADE,
        mark_id TEXT NOT NULL,
        recordal_id TEXT,
        decision TEXT NOT NULL
          CHECK (decision IN ('suspected_infringement', 'not_infringing', 'needs_confirmation')),
        note TEXT,
        decided_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX decisions_by_query ON decisions(query_id, mark_id);
    `);
  },
};
