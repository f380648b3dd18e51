import type { Migration } from './migration';

/**
 * Sync state on both sides of an update package. A device keeps the publisher key it trusts and the
 * packages it applied (the applied sequence is the highest one). A publisher keeps the packages it
 * published and, per published item, a hash of what it published, so the next delta is "what differs".
 */
export const migration0040: Migration = {
  version: 40,
  name: 'sync',
  up(db) {
    db.exec(`
      -- device: the one publisher key whose signatures this database accepts
      CREATE TABLE sync_trusted_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        key_id TEXT NOT NULL,
        public_key_pem TEXT NOT NULL,
        pinned_at TEXT NOT NULL
      ) STRICT;

      -- device: every package applied, in one row each; max(sequence) is the applied sequence
      CREATE TABLE sync_applied_packages (
        sequence INTEGER PRIMARY KEY,
        base_sequence INTEGER,              -- NULL for a full snapshot
        manifest_sha256 TEXT NOT NULL,
        publisher_key_id TEXT NOT NULL,
        created_at TEXT NOT NULL,           -- when the publisher built it
        applied_at TEXT NOT NULL,
        operations INTEGER NOT NULL
      ) STRICT;

      -- publisher: every package built from this database
      CREATE TABLE sync_published_packages (
        sequence INTEGER PRIMARY KEY,
        base_sequence INTEGER,
        manifest_sha256 TEXT NOT NULL,
        publisher_key_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        operations INTEGER NOT NULL
      ) STRICT;

      -- publisher: the catalogue as of the last published sequence, one content hash per item
      CREATE TABLE sync_published_items (
        kind TEXT NOT NULL CHECK (kind IN ('recordal', 'mark', 'image')),
        id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        parties_hash TEXT,                  -- recordals only: parties change alone without a full upsert
        PRIMARY KEY (kind, id)
      ) STRICT;
    `);
  },
};
