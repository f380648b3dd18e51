import { MarkSightError } from '../../../api/errors';

/** The manifest as a whole cannot be read (missing or unknown columns, not CSV/JSONL): nothing is imported. */
export class ManifestError extends MarkSightError {
  override name = 'ManifestError';
  constructor(file: string, reason: string) {
    super('MANIFEST_INVALID', `${file}: ${reason}`);
  }
}
