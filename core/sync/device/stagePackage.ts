import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProgressListener } from '../../../api/progress';
import { MarkSightError } from '../../../api/errors';
import type { PackageManifest, PackageFile } from '../packageManifest';
import { SyncRejectedError } from '../SyncRejectedError';
import type { PackageSource } from '../transport/packageSource';

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A staged file that already has the listed size and hash (left by an earlier, interrupted run). */
async function alreadyStaged(path: string, entry: PackageFile): Promise<boolean> {
  return existsSync(path) && statSync(path).size === entry.size && (await sha256File(path)) === entry.sha256;
}

/**
 * Copies or downloads every listed file into `stagingDir` and checks its size and sha256 there. A file
 * that fails is deleted (so the next run fetches it again) and the package is rejected; files that
 * passed, and partial downloads, stay for the next run. Returns the bytes fetched.
 */
export async function stagePackage(
  source: PackageSource,
  manifest: PackageManifest,
  stagingDir: string,
  onProgress?: ProgressListener,
  signal?: AbortSignal,
): Promise<number> {
  const total = manifest.files.reduce((n, f) => n + f.size, 0);
  let done = 0;
  let fetched = 0;
  onProgress?.({ phase: 'download', done, total });
  for (const entry of manifest.files) {
    if (signal?.aborted) throw new MarkSightError('CANCELLED', 'sync cancelled; staged files are kept for the next run');
    const dest = join(stagingDir, entry.path); // entry.path passed isSafePackagePath
    if (!(await alreadyStaged(dest, entry))) {
      mkdirSync(dirname(dest), { recursive: true });
      const part = `${dest}.part`;
      fetched += await source.fetchTo(entry, part);
      const size = statSync(part).size;
      if (size !== entry.size) {
        unlinkSync(part);
        throw new SyncRejectedError('SIZE', `${entry.path} is ${size} bytes, the manifest lists ${entry.size} (truncated or altered)`);
      }
      if ((await sha256File(part)) !== entry.sha256) {
        unlinkSync(part);
        throw new SyncRejectedError('HASH', `${entry.path} does not match its sha256 in the manifest (altered or corrupt)`);
      }
      renameSync(part, dest);
    }
    done += entry.size;
    onProgress?.({ phase: 'download', done, total });
  }
  return fetched;
}
