import { MarkSightError } from '../../api/errors';

/** A handler was called with arguments it cannot use (missing photo, bad id, out-of-range setting). */
export class HandlerInputError extends MarkSightError {
  override name = 'HandlerInputError';
  constructor(message: string) {
    super('BAD_REQUEST', message);
  }
}
