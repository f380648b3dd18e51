import { MarkSightError } from '../../../api/errors';

/** A transfer stopped by the user; what arrived stays staged for the next run. */
export function cancelledError(): MarkSightError {
  return new MarkSightError('CANCELLED', 'sync cancelled; staged files are kept for the next run');
}
