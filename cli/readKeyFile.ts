import { readFileSync } from 'node:fs';
import { fileErrorReason, MarkSightError, toErrorData } from '../api/errors';
import { loadPrivateKey, loadPublicKey } from '../core/sync';

/**
 * A publisher key's PEM text, read and checked before any database is opened, so a wrong path or a wrong file
 * fails naming that file ("keys/pub.pem: not a PEM public key") and leaves no half-done work behind.
 */
export function readKeyFile(path: string, kind: 'public' | 'private'): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (err) {
    throw new MarkSightError('KEY_INVALID', `${path}: ${fileErrorReason(err)}`);
  }
  try {
    (kind === 'public' ? loadPublicKey : loadPrivateKey)(pem);
  } catch (err) {
    throw new MarkSightError('KEY_INVALID', `${path}: ${toErrorData(err).message}`);
  }
  return pem;
}
