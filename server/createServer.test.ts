import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarkSightError } from '../api/errors';
import type { Handlers } from '../api/handlers';
import { invokeHandler } from '../core/handlers';
import { tempDir } from '../test/helpers/tempDir';
import { createServer, MAX_BODY_BYTES } from './createServer';

/** Raw HTTP so the test can send any Host and Origin (fetch would not let it). */
function send(url: string, options: { method?: string; path: string; body?: string | Buffer; headers?: Record<string, string> }) {
  const u = new URL(url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('web-mode server', () => {
  const dir = tempDir();
  let server: Awaited<ReturnType<typeof createServer>>;
  const calls: unknown[] = [];

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>MarkSight</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const handlers = {
      'recordal-get': async (args: { id: string }) => {
        calls.push(args);
        if (args.id !== 'T1') throw new MarkSightError('NOT_FOUND', `recordal ${args.id} is not in this database`);
        return { id: 'T1' };
      },
    } as unknown as Handlers;
    server = await createServer({ invoke: (name, args) => invokeHandler(handlers, name, args), staticDir: dir, port: 0 });
  });
  afterAll(() => server?.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    send(server.url, { method: 'POST', path, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  it('listens on loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers handlers with results and errors as data', async () => {
    const ok = await post('/api/recordal-get', { id: 'T1' });
    expect([ok.status, JSON.parse(ok.body)]).toEqual([200, { ok: true, value: { id: 'T1' } }]);
    const missing = await post('/api/recordal-get', { id: 'X' });
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', name: 'MarkSightError' } });
    const unknown = await post('/api/drop-everything', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_HANDLER' } });
    const bad = await send(server.url, { method: 'POST', path: '/api/recordal-get', body: '{not json' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await send(server.url, { path: '/api/recordal-get' })).status).toBe(405);
  });

  it('refuses other hosts (DNS rebinding) and other origins', async () => {
    expect((await post('/api/recordal-get', { id: 'T1' }, { host: 'evil.example' })).status).toBe(421);
    expect((await post('/api/recordal-get', { id: 'T1' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('/api/recordal-get', { id: 'T1' }, { origin: server.url })).status).toBe(200);
  });

  it('refuses an upload over the limit before reading it', async () => {
    const r = await send(server.url, {
      method: 'POST',
      path: '/api/query-photo',
      headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) },
    }).catch((err: Error) => ({ status: 0, body: err.message, headers: {} }));
    expect(r.status === 413 || r.status === 0).toBe(true);
    if (r.status === 413) expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'IMAGE_TOO_LARGE' } });
  });

  it('serves the renderer with the CSP, falls back to index.html, and never leaves its folder', async () => {
    const index = await send(server.url, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(server.url, { path: '/assets/app.js' })).headers['content-type']).toContain('javascript');
    expect((await send(server.url, { path: '/history/42' })).body).toContain('<title>MarkSight</title>');
    // a missing asset is a 404, not the app page cached for a year
    const missing = await send(server.url, { path: '/assets/gone-1234.js' });
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBeUndefined();
    expect((await send(server.url, { path: '/logo.png' })).status).toBe(404);
    const escape = await send(server.url, { path: '/../../../etc/passwd' });
    expect(escape.body).not.toContain('root:');
    const encoded = await send(server.url, { path: '/%2e%2e/%2e%2e/etc/passwd' });
    expect(encoded.body).not.toContain('root:');
  });
});
