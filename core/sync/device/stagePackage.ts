import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProgressListener } from '../../../api/progress';
import type { PackageManifest, PackageFile } from '../packageManifest';
import { SyncRejectedError } from '../SyncRejectedError';
import { cancelledError } from '../transport/cancelledError';
import type { PackageSource } from '../transport/packageSource';

const PROGRESS_EVERY_MS = 100;

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
    if (signal?.aborted) throw cancelledError();
    const dest = join(stagingDir, entry.path); // entry.path passed isSafePackagePath
    if (!(await alreadyStaged(dest, entry))) {
      mkdirSync(dirname(dest), { recursive: true });
      const part = `${dest}.part`;
      // a big file reports as it arrives (its first bytes, then at most every 100 ms), so the bar moves
      // during a slow download
      let arrived = 0;
      let reportedAt = 0;
      const onBytes = (bytes: number): void => {
        arrived += bytes;
        if (Date.now() - reportedAt < PROGRESS_EVERY_MS) return;
        reportedAt = Date.now();
        onProgress?.({ phase: 'download', done: done + Math.min(arrived, entry.size), total });
      };
      fetched += await source.fetchTo(entry, part, { signal, onBytes });
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
