import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../api/contentSecurityPolicy';
import { toErrorData, type Result } from '../api/errors';
import { MAX_PHOTO_BYTES } from '../api/handlers';
import { jobRoutes, type JobRunner } from './jobRoutes';
import { readBody } from './readBody';
import { serveStatic } from './serveStatic';

/** JSON carries the photo as base64 (4/3 of the bytes) plus a little for the other fields. */
export const MAX_BODY_BYTES = Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 64 * 1024;

export interface ServerOptions {
  /** Runs one handler by name; never throws (errors are data). The engine worker's client, or in-process handlers. */
  invoke(name: string, args: unknown): Promise<Result<unknown>>;
  /** Long work with progress and cancel under /jobs/* (the engine worker's client); absent: no jobs. */
  jobs?: JobRunner;
  /** The built renderer (vite build output). */
  staticDir: string;
  port: number;
  host?: string;
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
};

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(text);
}

/**
 * Web mode: the built renderer plus `POST /api/<handler>` with a JSON body, on loopback only.
 * A request whose Host is not this loopback address (DNS rebinding) or whose Origin is another site
 * is refused, so a web page the inspector happens to open cannot drive the API.
 */
export function createServer(options: ServerOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  let allowedHosts = new Set<string>();
  const jobs = options.jobs ? jobRoutes(options.jobs) : null;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('wrong host\n');
      return;
    }
    const url = req.url ?? '/';
    const origin = req.headers.origin;
    const foreign = Boolean(origin && !allowedHosts.has(origin.replace(/^https?:\/\//, '')));
    if (url.startsWith('/jobs/') && jobs) {
      if (foreign) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('cross-origin request refused\n');
        return;
      }
      await jobs.handle(req, res, url.split('?')[0]);
      return;
    }
    if (url.startsWith('/api/')) {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      if (foreign) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('cross-origin request refused\n');
        return;
      }
      const name = url.slice('/api/'.length).split('?')[0];
      let args: unknown;
      try {
        const body = await readBody(req, MAX_BODY_BYTES);
        args = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch (err) {
        const error = err instanceof SyntaxError ? { name: 'BadJsonError', code: 'BAD_REQUEST', message: 'the request body is not JSON' } : toErrorData(err);
        sendJson(res, error.code === 'IMAGE_TOO_LARGE' ? 413 : 400, { ok: false, error });
        return;
      }
      const result = await options.invoke(name, args);
      // errors are data: HTTP status only says whether the transport worked
      sendJson(res, result.ok || result.error.code !== 'UNKNOWN_HANDLER' ? 200 : 404, result);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    await serveStatic(options.staticDir, url, res);
  };

  const server = createHttpServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: toErrorData(err) });
      else res.destroy();
    });
  });
  server.requestTimeout = 120_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      const { port } = server.address() as AddressInfo;
      allowedHosts = new Set([`${host}:${port}`, `localhost:${port}`]);
      resolve({
        server,
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            jobs?.closeStreams();
          }),
      });
    });
  });
}
