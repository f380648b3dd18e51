import { MarkSightError } from '../../api/errors';

/** Which check refused the package; part of the error code (`SYNC_SIGNATURE`, ...) so callers can branch. */
export type SyncCheck =
  | 'KEY'
  | 'SIGNATURE'
  | 'MANIFEST'
  | 'SCHEMA'
  | 'SEQUENCE'
  | 'MISSING'
  | 'SIZE'
  | 'HASH'
  | 'PATH'
  | 'IMAGE'
  | 'EMBEDDINGS'
  | 'LOCAL_FEATURES'
  | 'REFERENCE'
  | 'DOWNLOAD';

/** A package failed a check: nothing was written, and the message says why in one line. */
export class SyncRejectedError extends MarkSightError {
  override name = 'SyncRejectedError';
  constructor(
    readonly check: SyncCheck,
    reason: string,
  ) {
    super(`SYNC_${check}`, `package rejected: ${reason}`);
  }
}
