import type { Database } from '../../../db';
import { markRepository, recordalRepository } from '../../../db';
import type { PackageOperation } from '../packageManifest';
import { SyncRejectedError } from '../SyncRejectedError';

/**
 * Writes one package operation. Runs inside the apply transaction: a throw here rolls back the whole
 * package. Operations on things the device lacks mean it is not at the package's base: rejected.
 */
export function operationWriter(db: Database) {
  const recordals = recordalRepository(db);
  const marks = markRepository(db);
  // recordalRepository / markRepository have no deletes yet; these three statements are all sync needs
  const deleteRecordal = db.prepare('DELETE FROM recordals WHERE id = ?');
  const deleteMark = db.prepare('DELETE FROM marks WHERE id = ?');
  const dropOtherMarks = db.prepare('DELETE FROM marks WHERE recordal_id = ? AND id NOT IN (SELECT value FROM json_each(?))');
  const imageExists = db.prepare('SELECT 1 FROM images WHERE sha256 = ?').pluck();

  const needImage = (sha: string, markId: string) => {
    if (!imageExists.get(sha)) {
      throw new SyncRejectedError('REFERENCE', `mark ${markId} uses image ${sha.slice(0, 12)}, which is neither in the package nor on this device`);
    }
  };
  const needRecordal = (id: string, op: string) => {
    if (!recordals.get(id)) throw new SyncRejectedError('REFERENCE', `${op}: recordal ${id} is not on this device (not at the package's base?)`);
  };

  return (op: PackageOperation): void => {
    switch (op.op) {
      case 'upsertRecordal': {
        recordals.upsert(op.recordal);
        recordals.replaceDetails(op.recordal.id, op);
        for (const m of op.marks) {
          needImage(m.imageSha256, m.id);
          marks.upsert({ ...m, recordalId: op.recordal.id });
        }
        dropOtherMarks.run(op.recordal.id, JSON.stringify(op.marks.map((m) => m.id)));
        return;
      }
      case 'deleteRecordal':
        if (deleteRecordal.run(op.recordalId).changes === 0) needRecordal(op.recordalId, 'deleteRecordal');
        return;
      case 'addImage':
        if (op.recordalId !== null) needRecordal(op.recordalId, 'addImage');
        needImage(op.mark.imageSha256, op.mark.id);
        marks.upsert({ ...op.mark, recordalId: op.recordalId });
        return;
      case 'removeImage':
        if (deleteMark.run(op.markId).changes === 0) {
          throw new SyncRejectedError('REFERENCE', `removeImage: mark ${op.markId} is not on this device (not at the package's base?)`);
        }
        return;
      case 'setAuthorisedParties': {
        const current = recordals.details(op.recordalId);
        if (!current) return needRecordal(op.recordalId, 'setAuthorisedParties');
        recordals.replaceDetails(op.recordalId, { ...current, parties: op.parties });
        return;
      }
    }
  };
}

/** Empties the synced catalogue before a snapshot: recordals and marks go, their details by cascade. */
export function clearCatalog(db: Database): void {
  db.prepare('DELETE FROM marks').run();
  db.prepare('DELETE FROM recordals').run();
}
