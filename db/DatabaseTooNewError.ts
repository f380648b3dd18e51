import { MarkSightError } from '../api/errors';

/** The file was written by a newer MarkSight: refuse rather than guess at its schema. */
export class DatabaseTooNewError extends MarkSightError {
  override name = 'DatabaseTooNewError';
  constructor(fileVersion: number, knownVersion: number) {
    super(
      'DB_TOO_NEW',
      `database schema version ${fileVersion} is newer than this MarkSight understands (${knownVersion}); update MarkSight`,
    );
  }
}
