import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

export interface StaticServer {
  url: string;
  /** Body bytes sent per request path. */
  bytesServed: Map<string, number>;
  /** Paths asked for with a Range header, in order. */
  rangeRequests: string[];
  /** Cut the next response for this path after `bytes` body bytes (once). */
  cutNext(path: string, bytes: number): void;
  /** Send `bytes` body bytes of the next response for this path, then nothing more, keeping it open (once). */
  stallNext(path: string, bytes: number): void;
  close(): Promise<void>;
}

/** A tiny static file server on 127.0.0.1 with `Range: bytes=N-` support, for sync tests only. */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const bytesServed = new Map<string, number>();
  const cuts = new Map<string, { bytes: number; then: 'cut' | 'stall' }>();
  const rangeRequests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = join(root, normalize(path));
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      res.writeHead(404).end();
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (range) rangeRequests.push(path);
    if (start > size) {
      res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
      return;
    }
    res.writeHead(range ? 206 : 200, {
      'content-length': size - start,
      'accept-ranges': 'bytes',
      ...(range ? { 'content-range': `bytes ${start}-${size - 1}/${size}` } : {}),
    });
    const cut = cuts.get(path);
    cuts.delete(path);
    const end = cut === undefined ? size - 1 : Math.min(size - 1, start + cut.bytes - 1);
    const stream = createReadStream(file, { start, end });
    stream.on('data', (chunk) => bytesServed.set(path, (bytesServed.get(path) ?? 0) + chunk.length));
    stream.on('end', () => {
      if (cut?.then === 'cut') setTimeout(() => res.socket?.destroy(), 20); // leave the client a partial body
    });
    stream.pipe(res, { end: cut === undefined });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    bytesServed,
    rangeRequests,
    cutNext: (path, bytes) => cuts.set(path, { bytes, then: 'cut' }),
    stallNext: (path, bytes) => cuts.set(path, { bytes, then: 'stall' }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
