import type { Database } from 'better-sqlite3';

export interface ModelIdentity {
  id: string;
  name: string;
  dim: number;
}

export interface StoredVectors {
  imageSha256: string[];
  /** Row-major, `imageSha256.length` rows of `dim` floats. */
  vectors: Float32Array;
  dim: number;
}

function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/** Vectors per (image, model, region). Only this module knows how they are laid out on disk. */
export function embeddingRepository(db: Database) {
  return {
    registerModel(model: ModelIdentity): void {
      db.prepare(
        `INSERT INTO models (id, name, dim, first_used_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name`,
      ).run(model.id, model.name, model.dim, new Date().toISOString());
    },

    /** Images that marks use and that have no vector from this model yet, oldest hash order for resumability. */
    imagesMissing(modelId: string, limit: number): string[] {
      return db
        .prepare(
          `SELECT DISTINCT m.image_sha256 FROM marks m
           WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.image_sha256 = m.image_sha256 AND e.model_id = ? AND e.region = 'full')
           ORDER BY m.image_sha256 LIMIT ?`,
        )
        .pluck()
        .all(modelId, limit) as string[];
    },

    countMissing(modelId: string): number {
      return db
        .prepare(
          `SELECT count(DISTINCT m.image_sha256) FROM marks m
           WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.image_sha256 = m.image_sha256 AND e.model_id = ? AND e.region = 'full')`,
        )
        .pluck()
        .get(modelId) as number;
    },

    /** Stores a batch in one transaction, so a kill leaves whole batches only. */
    putMany(modelId: string, rows: { imageSha256: string; vector: Float32Array }[]): void {
      const stmt = db.prepare(
        `INSERT OR REPLACE INTO embeddings (image_sha256, model_id, region, dim, vector) VALUES (?, ?, 'full', ?, ?)`,
      );
      db.transaction(() => {
        for (const r of rows) stmt.run(r.imageSha256, modelId, r.vector.length, toBlob(r.vector));
      })();
    },

    loadAll(modelId: string, dim: number): StoredVectors {
      const rows = db
        .prepare(`SELECT image_sha256, vector FROM embeddings WHERE model_id = ? AND region = 'full' AND dim = ? ORDER BY image_sha256`)
        .raw()
        .all(modelId, dim) as [string, Buffer][];
      const vectors = new Float32Array(rows.length * dim);
      const imageSha256 = rows.map(([sha, blob], i) => {
        // copy first: SQLite blobs may sit at offsets a Float32Array view cannot start at
        vectors.set(new Float32Array(new Uint8Array(blob).buffer, 0, dim), i * dim);
        return sha;
      });
      return { imageSha256, vectors, dim };
    },

    count(modelId: string): number {
      return db.prepare('SELECT count(*) FROM embeddings WHERE model_id = ?').pluck().get(modelId) as number;
    },

    /** Drops vectors of every other model: they can never be mixed with the current one. */
    deleteOtherModels(modelId: string): number {
      return db.prepare('DELETE FROM embeddings WHERE model_id <> ?').run(modelId).changes;
    },
  };
}
export type EmbeddingRepository = ReturnType<typeof embeddingRepository>;
