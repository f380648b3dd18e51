import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FromEngineHost, ToEngineHost } from '../api/engineProtocol';
import type { JobProgress } from '../api/jobs';
import { EngineClient } from '../core/handlers';
import { tempDir } from '../test/helpers/tempDir';
import { createServer } from './createServer';

function post(url: string, path: string, body: string, headers: Record<string, string> = {}) {
  const u = new URL(url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, agent: false }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Reads the SSE stream until `until` holds for the events so far. */
function readEvents(url: string, until: (events: JobProgress[]) => boolean): Promise<JobProgress[]> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: '/jobs/events', agent: false }, (res) => {
      expect(res.headers['content-type']).toContain('text/event-stream');
      const events: JobProgress[] = [];
      let buf = '';
      res.on('data', (c) => {
        buf += c;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)) as JobProgress);
        }
        if (until(events)) {
          req.destroy();
          resolve(events);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Web mode's jobs over HTTP, driven through the real EngineClient against a scripted engine host. */
describe('web-mode jobs (/jobs/start, /jobs/events, /jobs/cancel)', () => {
  const dir = tempDir();
  const posted: ToEngineHost[] = [];
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: EngineClient;

  beforeAll(async () => {
    let listener: (m: FromEngineHost) => void = () => undefined;
    const host = (m: FromEngineHost) => setTimeout(() => listener(m), 5);
    client = new EngineClient({
      post: (m) => {
        posted.push(m);
        if (m.type === 'job' && m.job.kind === 'sync' && m.job.source === '/media/usb/0002') {
          host({ type: 'progress', jobId: m.jobId, progress: { phase: 'download', done: 10, total: 20 } });
          host({ type: 'job-done', jobId: m.jobId, result: { ok: true, value: { sequence: 2 } } });
        }
        if (m.type === 'cancel') host({ type: 'job-done', jobId: m.jobId, result: { ok: false, error: { name: 'MarkSightError', code: 'CANCELLED', message: 'sync cancelled' } } });
      },
      onMessage: (l) => {
        listener = l;
        setTimeout(() => l({ type: 'ready', dbPath: 'x.db' }), 0);
      },
      onExit: () => undefined,
      stop: () => undefined,
    });
    server = await createServer({ invoke: async () => ({ ok: true, value: null }), jobs: client, staticDir: dir, port: 0 });
  });
  afterAll(() => server?.close());

  it('starts a job with its arguments and streams its progress and answer', async () => {
    const seen = readEvents(server.url, (events) => events.some((e) => e.finished));
    await new Promise((r) => setTimeout(r, 50));
    const start = await post(server.url, '/jobs/start', JSON.stringify({ kind: 'sync', source: ' /media/usb/0002 ', extra: 'dropped' }));
    const { value } = JSON.parse(start.body) as { value: { jobId: string } };
    expect(posted.at(-1)).toEqual({ type: 'job', jobId: value.jobId, job: { kind: 'sync', source: '/media/usb/0002' } });
    const events = (await seen).filter((e) => e.jobId === value.jobId);
    expect(events.map((e) => [e.phase, e.done, e.total, Boolean(e.finished)])).toEqual([
      ['start', 0, 0, false],
      ['download', 10, 20, false],
      ['download', 10, 20, true],
    ]);
    expect(events.at(-1)).toMatchObject({ kind: 'sync', value: { sequence: 2 } });
    // a page that connects afterwards is told how that job ended
    const late = await readEvents(server.url, (evs) => evs.some((e) => e.jobId === value.jobId));
    expect(late.find((e) => e.jobId === value.jobId)).toMatchObject({ finished: true, value: { sequence: 2 } });
  });

  it('cancels a job, and refuses requests that are not jobs or come from another site', async () => {
    const start = await post(server.url, '/jobs/start', JSON.stringify({ kind: 'sync', source: '/slow' }));
    const { jobId } = (JSON.parse(start.body) as { value: { jobId: string } }).value;
    const ended = readEvents(server.url, (evs) => evs.some((e) => e.jobId === jobId && e.finished));
    expect((await post(server.url, '/jobs/cancel', JSON.stringify({ jobId }))).status).toBe(200);
    expect((await ended).find((e) => e.jobId === jobId && e.finished)).toMatchObject({ error: { code: 'CANCELLED' } });

    for (const bad of [{ kind: 'sync' }, { kind: 'sync', source: '  ' }, { kind: 'drop-tables' }, 'sync']) {
      const r = await post(server.url, '/jobs/start', JSON.stringify(bad));
      expect([r.status, JSON.parse(r.body).error.code]).toEqual([400, 'BAD_REQUEST']);
    }
    const foreign = await post(server.url, '/jobs/start', JSON.stringify({ kind: 'index-missing' }), { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
  });
});
