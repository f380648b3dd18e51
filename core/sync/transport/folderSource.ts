import { createReadStream, createWriteStream, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { join, sep } from 'node:path';
import { SyncRejectedError } from '../SyncRejectedError';
import type { PackageFile } from '../packageManifest';
import { cancelledError } from './cancelledError';
import type { PackageSource } from './packageSource';

/** A package on a mounted folder. Every file must be a regular file whose real path is inside the folder. */
export function folderSource(root: string): PackageSource {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    throw new SyncRejectedError('MANIFEST', `${root}: no such package folder`);
  }

  function regularFileInside(relPath: string): { path: string; size: number } {
    const path = join(realRoot, relPath);
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      throw new SyncRejectedError('MISSING', `${relPath} is missing from the package`);
    }
    if (stat.isSymbolicLink()) throw new SyncRejectedError('PATH', `${relPath} is a symbolic link`);
    if (!stat.isFile()) throw new SyncRejectedError('PATH', `${relPath} is not a regular file`);
    // a symlinked parent folder would pass lstat on the file itself: compare real paths
    if (!realpathSync(path).startsWith(realRoot + sep)) throw new SyncRejectedError('PATH', `${relPath} resolves outside the package`);
    return { path, size: stat.size };
  }

  return {
    location: root,
    async readSmall(name, maxBytes) {
      const file = regularFileInside(name);
      if (file.size > maxBytes) throw new SyncRejectedError('SIZE', `${name} is ${file.size} bytes, over the ${maxBytes} limit`);
      return readFileSync(file.path);
    },
    async fetchTo(entry: PackageFile, partPath: string, { signal, onBytes } = {}) {
      const file = regularFileInside(entry.path);
      if (file.size !== entry.size) {
        throw new SyncRejectedError('SIZE', `${entry.path} is ${file.size} bytes, the manifest lists ${entry.size} (truncated or altered)`);
      }
      // streamed off the engine's thread: queries keep being answered during a USB copy, which reports
      // progress and stops mid-file on cancel
      try {
        await pipeline(
          createReadStream(file.path),
          async function* count(chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              onBytes?.(chunk.length);
              yield chunk;
            }
          },
          createWriteStream(partPath),
          { signal },
        );
      } catch (err) {
        if (signal?.aborted) throw cancelledError();
        throw err;
      }
      return file.size;
    },
  };
}
