import { MarkSightError } from '../../api/errors';

/** The recordal, mark or query asked for is not in this database. */
export class NotFoundError extends MarkSightError {
  override name = 'NotFoundError';
  constructor(what: string, id: string | number) {
    super('NOT_FOUND', `${what} ${id} is not in this database`);
  }
}
