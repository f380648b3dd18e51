import { MarkSightError } from '../api/errors';

/** The file named as the database is not there: a mistyped path must not become a new, empty catalogue. */
export class NoDatabaseError extends MarkSightError {
  override name = 'NoDatabaseError';
  constructor(path: string) {
    super('NO_DATABASE', `no MarkSight database at ${path} (check the path; \`marksight import\` creates one)`);
  }
}
