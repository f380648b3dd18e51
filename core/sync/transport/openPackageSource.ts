import { folderSource } from './folderSource';
import { httpSource, type HttpSourceOptions } from './httpSource';
import type { PackageSource } from './packageSource';

/** `http://…` or `https://…` is a server, anything else a folder. */
export function openPackageSource(from: string, options: HttpSourceOptions = {}): PackageSource {
  return /^https?:\/\//i.test(from) ? httpSource(from, options) : folderSource(from);
}
