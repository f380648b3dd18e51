import type { Migration } from './migration';

/**
 * Vectors are keyed by image content and the model that made them, so a model change never mixes
 * vectors from two models: the engine simply finds nothing for the new model id and re-indexes.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'embeddings',
  up(db) {
    db.exec(`
      CREATE TABLE models (
        id TEXT PRIMARY KEY,               -- sha256 of the .onnx file
        name TEXT NOT NULL,
        dim INTEGER NOT NULL,
        first_used_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE embeddings (
        image_sha256 TEXT NOT NULL REFERENCES images(sha256) ON DELETE CASCADE,
        model_id TEXT NOT NULL REFERENCES models(id),
        region TEXT NOT NULL DEFAULT 'full',
        dim INTEGER NOT NULL,
        vector BLOB NOT NULL,              -- float32 little-endian, L2-normalised
        PRIMARY KEY (image_sha256, model_id, region)
      ) STRICT;
      CREATE INDEX embeddings_by_model ON embeddings(model_id);
    `);
  },
};
