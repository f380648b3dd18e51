import { basename, extname } from 'node:path';
import type { Database } from '../../db';
import { imageRepository, markRepository, recordalRepository } from '../../db';
import type { MarkKind } from '../../api/recordal';
import type { DecodedImage } from '../image';
import type { RecordalRecord } from './manifest/recordalRecord';

export function markIdFromPath(path: string): string {
  return basename(path, extname(path));
}

/** The mark ids a record's images get: mark_ids when given, else each file's name. */
export function markIdsOf(record: RecordalRecord): string[] {
  return record.images.map((img) => img.markId ?? markIdFromPath(img.path));
}

/** Writes marks and recordals; callers wrap calls in a transaction so nothing is half-written. */
export function catalogWriter(db: Database) {
  const images = imageRepository(db);
  const marks = markRepository(db);
  const recordals = recordalRepository(db);
  const dropOtherMarks = db.prepare(
    `DELETE FROM marks WHERE recordal_id = ? AND id NOT IN (SELECT value FROM json_each(?))`,
  );

  function putMark(image: DecodedImage, markId: string, recordalId: string | null, kind: MarkKind, sourcePath: string) {
    images.put({ sha256: image.sha256, format: image.format, width: image.width, height: image.height, bytes: image.bytes });
    marks.upsert({ id: markId, recordalId, imageSha256: image.sha256, kind, sourcePath });
  }

  return {
    putMark,

    /** The recordal a stored mark belongs to: null for a loose mark (folder import), undefined when not stored. */
    ownerOf(markId: string): string | null | undefined {
      const row = marks.get(markId);
      return row ? row.recordalId : undefined;
    },

    /** The recordal and exactly the marks the record lists: a re-import replaces, never duplicates. */
    putRecordal(record: RecordalRecord, decoded: DecodedImage[]): void {
      recordals.upsert(record.recordal);
      recordals.replaceDetails(record.recordal.id, record);
      const ids = markIdsOf(record);
      record.images.forEach((img, i) => putMark(decoded[i], ids[i], record.recordal.id, record.kind, img.path));
      dropOtherMarks.run(record.recordal.id, JSON.stringify(ids));
    },

    pruneImages(): number {
      return images.deleteUnreferenced();
    },
  };
}
