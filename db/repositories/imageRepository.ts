import type { Database } from 'better-sqlite3';

export interface StoredImage {
  sha256: string;
  format: string;
  width: number;
  height: number;
  bytes: Buffer;
}

/** Image bytes, stored once per content hash. */
export function imageRepository(db: Database) {
  const put = db.prepare(
    'INSERT OR IGNORE INTO images (sha256, format, width, height, bytes) VALUES (@sha256, @format, @width, @height, @bytes)',
  );
  const get = db.prepare('SELECT sha256, format, width, height, bytes FROM images WHERE sha256 = ?');
  return {
    put(image: StoredImage): void {
      put.run(image);
    },
    get(sha256: string): StoredImage | undefined {
      return get.get(sha256) as StoredImage | undefined;
    },
    count(): number {
      return db.prepare('SELECT count(*) FROM images').pluck().get() as number;
    },
    /** Removes images no mark refers to any more (their vectors go with them by cascade). */
    deleteUnreferenced(): number {
      return db.prepare('DELETE FROM images WHERE sha256 NOT IN (SELECT image_sha256 FROM marks)').run().changes;
    },
  };
}
export type ImageRepository = ReturnType<typeof imageRepository>;
