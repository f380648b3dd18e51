import type { Migration } from './migration';

/** Recordals, the marks recorded with them, and who may legitimately trade the goods. */
export const migration0010: Migration = {
  version: 10,
  name: 'recordals',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE right_holders (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        country TEXT
      ) STRICT;

      CREATE TABLE recordals (
        id TEXT PRIMARY KEY,                -- the customs recordal number
        holder_id INTEGER REFERENCES right_holders(id),
        mark_name TEXT NOT NULL,
        registration_no TEXT,
        nice_classes TEXT NOT NULL DEFAULT '[]',   -- JSON array of integers 1..45
        valid_from TEXT,                    -- ISO date
        valid_to TEXT,                      -- ISO date
        status TEXT NOT NULL DEFAULT 'active'
          CHECK (status IN ('active', 'expired', 'suspended', 'revoked')),
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Image bytes are stored once per content hash: the same logo recorded twice costs nothing.
      CREATE TABLE images (
        sha256 TEXT PRIMARY KEY,
        format TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        bytes BLOB NOT NULL
      ) STRICT;

      CREATE TABLE marks (
        id TEXT PRIMARY KEY,
        recordal_id TEXT REFERENCES recordals(id) ON DELETE CASCADE,
        image_sha256 TEXT NOT NULL REFERENCES images(sha256),
        kind TEXT NOT NULL DEFAULT 'device' CHECK (kind IN ('device', 'word', 'composite')),
        source_path TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX marks_by_recordal ON marks(recordal_id);
      CREATE INDEX marks_by_image ON marks(image_sha256);

      CREATE TABLE authorised_parties (
        id INTEGER PRIMARY KEY,
        recordal_id TEXT NOT NULL REFERENCES recordals(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('licensee', 'manufacturer', 'importer', 'exporter')),
        name TEXT NOT NULL,
        UNIQUE (recordal_id, role, name)
      ) STRICT;

      CREATE TABLE genuine_goods (
        recordal_id TEXT PRIMARY KEY REFERENCES recordals(id) ON DELETE CASCADE,
        origin TEXT,
        ports TEXT,
        usual_price TEXT,
        features TEXT
      ) STRICT;

      CREATE TABLE known_infringers (
        id INTEGER PRIMARY KEY,
        recordal_id TEXT NOT NULL REFERENCES recordals(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        UNIQUE (recordal_id, name)
      ) STRICT;
    `);
  },
};
