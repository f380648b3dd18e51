import { MarkSightError } from '../../api/errors';

/** Not an image, corrupt, truncated, or a format we do not read. */
export class ImageUnreadableError extends MarkSightError {
  override name = 'ImageUnreadableError';
  constructor(what: string, reason: string) {
    super('IMAGE_UNREADABLE', `${what}: not a readable image (${reason})`);
  }
}

/** Over the byte or pixel limit: refused before decoding, so a decompression bomb costs nothing. */
export class ImageTooLargeError extends MarkSightError {
  override name = 'ImageTooLargeError';
  constructor(what: string, reason: string) {
    super('IMAGE_TOO_LARGE', `${what}: image too large (${reason})`);
  }
}
