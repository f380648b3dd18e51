import { posix } from 'node:path';

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const MAX_PATH_LENGTH = 255;

/**
 * True for a path that can only name a file inside the package: relative, forward slashes, already
 * normalised, no `.`/`..` segments, no hidden or odd characters. Symlinks are checked when staging.
 */
export function isSafePackagePath(path: string): boolean {
  if (path.length === 0 || path.length > MAX_PATH_LENGTH) return false;
  if (path.startsWith('/') || path.includes('\\') || posix.normalize(path) !== path) return false;
  return path.split('/').every((segment) => SEGMENT.test(segment) && segment !== '.' && segment !== '..');
}
