import { closeSync, openSync, statSync, unlinkSync, writeSync, existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { SyncRejectedError } from '../SyncRejectedError';
import type { PackageFile } from '../packageManifest';
import { cancelledError } from './cancelledError';
import type { FetchOptions, PackageSource } from './packageSource';

export interface HttpSourceOptions {
  /** Extra attempts per file after an interrupted transfer; each resumes where the last one stopped. */
  retries?: number;
  timeoutMs?: number;
}

type Response = http.IncomingMessage;

function get(url: URL, headers: Record<string, string>, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { headers, timeout: timeoutMs, signal }, resolve);
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** Streams the body into `fd` as it arrives, so whatever came before a cut is kept for the next attempt. */
function drainInto(res: Response, fd: number, limit: number, onBytes?: (bytes: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let written = 0;
    res.on('data', (chunk: Buffer) => {
      if (written + chunk.length > limit) {
        res.destroy(new Error(`server sent more than the ${limit} bytes expected`));
        return;
      }
      writeSync(fd, chunk);
      written += chunk.length;
      onBytes?.(chunk.length);
    });
    res.on('end', () => (res.complete ? resolve(written) : reject(new Error('connection closed early'))));
    res.on('aborted', () => reject(new Error('connection closed early')));
    res.on('error', reject);
    res.on('close', () => (res.complete ? resolve(written) : reject(new Error('connection closed early'))));
  });
}

/**
 * A package served over HTTP(S) at `base` (a folder URL). Files land in `<dest>.part`; a partial file
 * is continued with a Range request, so an interrupted download never fetches the same bytes twice.
 */
export function httpSource(base: string, options: HttpSourceOptions = {}): PackageSource {
  const root = new URL(base.endsWith('/') ? base : `${base}/`);
  if (root.protocol !== 'http:' && root.protocol !== 'https:') throw new SyncRejectedError('DOWNLOAD', `${base}: not an http(s) URL`);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 3;

  async function fetchOnce(entry: PackageFile, partPath: string, { signal, onBytes }: FetchOptions): Promise<number> {
    const have = existsSync(partPath) ? statSync(partPath).size : 0;
    if (have > entry.size) unlinkSync(partPath);
    const from = have > entry.size ? 0 : have;
    if (from === entry.size) return 0;
    const res = await get(new URL(entry.path, root), from > 0 ? { range: `bytes=${from}-` } : {}, timeoutMs, signal);
    let start = 0;
    if (res.statusCode === 206) {
      start = Number(/^bytes (\d+)-/.exec(res.headers['content-range'] ?? '')?.[1] ?? NaN);
      if (start !== from) {
        res.destroy();
        throw new SyncRejectedError('DOWNLOAD', `${entry.path}: server resumed at byte ${start}, not ${from}`);
      }
    } else if (res.statusCode !== 200) {
      res.resume();
      throw new SyncRejectedError(res.statusCode === 404 ? 'MISSING' : 'DOWNLOAD', `${entry.path}: server answered ${res.statusCode}`);
    }
    // 200 means the server ignored the range: start the file again
    const fd = openSync(partPath, start > 0 ? 'a' : 'w');
    try {
      return await drainInto(res, fd, entry.size - start, onBytes);
    } finally {
      closeSync(fd);
    }
  }

  return {
    location: root.href,
    async readSmall(name, maxBytes) {
      let res: Response;
      try {
        res = await get(new URL(name, root), {}, timeoutMs);
      } catch (err) {
        throw new SyncRejectedError('DOWNLOAD', `${new URL(name, root).href}: ${(err as Error).message}`);
      }
      if (res.statusCode !== 200) {
        res.resume();
        throw new SyncRejectedError(res.statusCode === 404 ? 'MISSING' : 'DOWNLOAD', `${name}: server answered ${res.statusCode}`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) {
          res.destroy();
          throw new SyncRejectedError('SIZE', `${name} is over the ${maxBytes} byte limit`);
        }
        chunks.push(chunk);
      }
      if (!res.complete) throw new SyncRejectedError('DOWNLOAD', `${name}: connection closed early`);
      return Buffer.concat(chunks);
    },
    async fetchTo(entry, partPath, options = {}) {
      let fetched = 0;
      for (let attempt = 0; ; attempt++) {
        const before = existsSync(partPath) ? statSync(partPath).size : 0;
        try {
          return fetched + (await fetchOnce(entry, partPath, options));
        } catch (err) {
          if (options.signal?.aborted) throw cancelledError();
          if (err instanceof SyncRejectedError) throw err;
          const after = existsSync(partPath) ? statSync(partPath).size : 0;
          fetched += Math.max(0, after - before);
          if (attempt >= retries) {
            throw new SyncRejectedError(
              'DOWNLOAD',
              `${entry.path}: ${(err as Error).message} after ${after} of ${entry.size} bytes; run sync again to resume`,
            );
          }
        }
      }
    },
  };
}
