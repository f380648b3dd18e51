import type { Migration } from './migration';

/**
 * Marks' silhouettes (ink masks in a normalised frame) for outline agreement, computed once at index
 * time. Keyed by image content and the masking version, like local features; not carried by sync
 * packages (a device computes them in ~6 ms per mark).
 */
export const migration0060: Migration = {
  version: 60,
  name: 'mark-silhouettes',
  up(db) {
    db.exec(`
      CREATE TABLE mark_silhouettes (
        image_sha256 TEXT NOT NULL REFERENCES images(sha256) ON DELETE CASCADE,
        version TEXT NOT NULL,             -- SILHOUETTE_VERSION
        masks BLOB NOT NULL,               -- bit-packed 64 x 64 masks, 512 bytes each (0 masks: no usable ink)
        PRIMARY KEY (image_sha256, version)
      ) STRICT;
    `);
  },
};
