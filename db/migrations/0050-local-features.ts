import type { Migration } from './migration';

/**
 * Local features (keypoints + binary descriptors) of each stored image, computed once at index time
 * so a query extracts only the photo's. Keyed by image content and the extractor's id: changing the
 * extractor's settings changes the id and the next index run recomputes, never mixes.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'local-features',
  up(db) {
    db.exec(`
      CREATE TABLE local_features (
        image_sha256 TEXT NOT NULL REFERENCES images(sha256) ON DELETE CASCADE,
        extractor TEXT NOT NULL,           -- e.g. 'orb500@320-v1'
        width INTEGER NOT NULL,            -- the raster the points are in
        height INTEGER NOT NULL,
        count INTEGER NOT NULL,
        points BLOB NOT NULL,              -- float32 x,y pairs, little-endian
        descriptors BLOB NOT NULL,         -- count x 32 bytes
        PRIMARY KEY (image_sha256, extractor)
      ) STRICT;
    `);
  },
};
