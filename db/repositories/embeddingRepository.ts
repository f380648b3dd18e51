import type { Database } from 'better-sqlite3';
import { floatsOf } from './floatBlob';

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

export interface StoredVector {
  imageSha256: string;
  /** Which view of the image ('full' unless the model asks for more). */
  region?: string;
  /** null: this view would equal the full one (an opaque image), so nothing is stored but the fact. */
  vector: Float32Array | null;
}

function toBlob(v: Float32Array | null): Buffer {
  return v ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : Buffer.alloc(0);
}

/** SQL true when mark image `m` lacks any view in the JSON array @views for model @model. */
const LACKS_A_VIEW = `(SELECT count(*) FROM embeddings e WHERE e.image_sha256 = m.image_sha256 AND e.model_id = @model
   AND e.region IN (SELECT value FROM json_each(@views))) < json_array_length(@views)`;

/** Vectors per (image, model, region). Only this module knows how they are laid out on disk. */
export function embeddingRepository(db: Database) {
  return {
    registerModel(model: ModelIdentity): void {
      db.prepare(
        `INSERT INTO models (id, name, dim, first_used_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name`,
      ).run(model.id, model.name, model.dim, new Date().toISOString());
    },

    /** Images that marks use and that lack a view from this model, in hash order for resumability. */
    imagesMissing(modelId: string, limit: number, regions: readonly string[] = ['full']): string[] {
      return db
        .prepare(`SELECT DISTINCT m.image_sha256 FROM marks m WHERE ${LACKS_A_VIEW} ORDER BY m.image_sha256 LIMIT @limit`)
        .pluck()
        .all({ model: modelId, views: JSON.stringify(regions), limit }) as string[];
    },

    countMissing(modelId: string, regions: readonly string[] = ['full']): number {
      return db
        .prepare(`SELECT count(DISTINCT m.image_sha256) FROM marks m WHERE ${LACKS_A_VIEW}`)
        .pluck()
        .get({ model: modelId, views: JSON.stringify(regions) }) as number;
    },

    /** Stores a batch in one transaction, so a kill leaves whole batches only. */
    putMany(modelId: string, rows: StoredVector[]): void {
      const stmt = db.prepare(`INSERT OR REPLACE INTO embeddings (image_sha256, model_id, region, dim, vector) VALUES (?, ?, ?, ?, ?)`);
      db.transaction(() => {
        for (const r of rows) stmt.run(r.imageSha256, modelId, r.region ?? 'full', r.vector?.length ?? 0, toBlob(r.vector));
      })();
    },

    /** Every stored vector of the views asked for; an image with several views appears once per view. */
    loadAll(modelId: string, dim: number, regions: readonly string[] = ['full']): StoredVectors {
      const rows = db
        .prepare(
          `SELECT image_sha256, vector FROM embeddings WHERE model_id = ? AND dim = ? AND region IN (SELECT value FROM json_each(?))
           ORDER BY image_sha256, region`,
        )
        .raw()
        .all(modelId, dim, JSON.stringify(regions)) as [string, Buffer][];
      const vectors = new Float32Array(rows.length * dim);
      const imageSha256 = rows.map(([sha, blob], i) => {
        vectors.set(floatsOf(blob, dim), i * dim);
        return sha;
      });
      return { imageSha256, vectors, dim };
    },

    /** Vectors of the given images in one view (by primary key: a delta need not read the whole table). */
    vectorsOf(modelId: string, dim: number, region: string, imageShas: readonly string[]): Map<string, Float32Array> {
      const one = db.prepare('SELECT vector FROM embeddings WHERE image_sha256 = ? AND model_id = ? AND region = ? AND dim = ?').pluck();
      const out = new Map<string, Float32Array>();
      for (const sha of imageShas) {
        const blob = one.get(sha, modelId, region, dim) as Buffer | undefined;
        if (blob) out.set(sha, floatsOf(blob, dim));
      }
      return out;
    },

    /** The views this model has vectors in, 'full' first. */
    regions(modelId: string): string[] {
      return db
        .prepare(`SELECT DISTINCT region FROM embeddings WHERE model_id = ? AND dim > 0 ORDER BY region <> 'full', region`)
        .pluck()
        .all(modelId) as string[];
    },

    /** Images with a full vector from this model. */
    count(modelId: string): number {
      return db.prepare(`SELECT count(*) FROM embeddings WHERE model_id = ? AND region = 'full'`).pluck().get(modelId) as number;
    },
  };
}
export type EmbeddingRepository = ReturnType<typeof embeddingRepository>;
