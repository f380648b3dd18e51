import { fork, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers/tempDir';
import { buildTestDb, makePhoto } from '../test/e2e/fixtures/buildTestDb';
import { readFileSync } from 'node:fs';
import type { FromEngineHost } from '../api/engineProtocol';
import type { QueryView } from '../api/handlers';
import { EngineClient } from '../core/handlers/engineClient';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = `dist/electron-test-host-${process.pid}`;

/** The real bundled engine host in a Node child (a stand-in for utilityProcess.fork), driven by EngineClient. */
describe('engine host (the utility process script, as bundled)', () => {
  const dir = tempDir();
  let client: EngineClient;
  let dbPath: string;
  let logo: (slug: string) => string;
  const progress: { jobId: string; done: number; total: number }[] = [];

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'electron/build.mjs'), '--outdir', OUT], { encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    ({ dbPath, logo } = await buildTestDb(dir));
    const child = fork(join(ROOT, OUT, 'engineHost.mjs'), ['--db', dbPath], {
      execArgv: ['--import', join(ROOT, 'electron/testing/fakeParentPort.mjs')],
      stdio: 'inherit',
    });
    client = new EngineClient(
      {
        post: (m) => child.send(m),
        onMessage: (listener) => child.on('message', (m) => listener(m as FromEngineHost)),
        onExit: (listener) => child.on('exit', (code) => listener(code ?? -1)),
        stop: () => void child.kill(),
      },
      (jobId, p) => progress.push({ jobId, done: p.done, total: p.total }),
    );
    await client.ready;
  });
  afterAll(() => {
    client?.stop();
    rmSync(join(ROOT, OUT), { recursive: true, force: true });
  });

  it('answers handler calls with results and errors as data', async () => {
    expect(await client.call('db-stats', undefined)).toMatchObject({ ok: true, value: { recordals: 12, indexed: 12 } });
    expect(await client.call('recordal-get', { id: 'T2019-00101' })).toMatchObject({ ok: true, value: { holder: 'Nike Innovate C.V.' } });
    expect(await client.call('recordal-get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('verifies a query on the bundled verification thread', async () => {
    const photo = await makePhoto(logo('starbucks'), join(dir, 'mug.jpg'));
    const reply = await client.call('query-photo', { photoBase64: readFileSync(photo.path).toString('base64') });
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    const view = (reply as { value: QueryView }).value;
    expect(view.warnings ?? []).toEqual([]);
    expect(view.results[0]).toMatchObject({ recordalId: 'T2013-00321', verified: true });
  });

  it('runs a job to its end and reports it', async () => {
    const { jobId, done } = await client.startJob({ kind: 'index-missing' });
    expect(await done).toMatchObject({ ok: true, value: { embedded: 0 } });
    expect(jobId).toMatch(/^job-/);
  });

  it('runs one job at a time: a second one while the first runs is refused with its reason', async () => {
    // the first run must have work, or it can end before the second request arrives (it did on a slow machine)
    const db = new Database(dbPath);
    db.exec('DELETE FROM embeddings');
    db.close();
    const first = await client.startJob({ kind: 'index-missing' });
    const second = await client.startJob({ kind: 'index-missing' });
    expect(await second.done).toMatchObject({ ok: false, error: { code: 'JOB_RUNNING', message: 'another job (index-missing) is still running: wait for it or cancel it' } });
    expect(await first.done).toMatchObject({ ok: true, value: { embedded: 12 } });
    const third = await client.startJob({ kind: 'index-missing' });
    expect(await third.done).toMatchObject({ ok: true });
  });
});
