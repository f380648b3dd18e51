import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import { Engine } from '../../engine';
import { MANIFEST_FILE, type PackageManifest } from '../packageManifest';
import { trustPublisher } from '../device/trustPublisher';
import { SyncRejectedError } from '../SyncRejectedError';
import { dumpDatabase } from '../testing/dumpDatabase';
import { PublisherFixture } from '../testing/publisherFixture';
import { startStaticServer, type StaticServer } from '../testing/staticServer';

const dir = tempDir('marksight-sync-http-');
let pub: PublisherFixture;
let server: StaticServer;
let manifest: PackageManifest;

async function newDevice(name: string): Promise<Engine> {
  const engine = Engine.open({ dbPath: join(dir, name) });
  trustPublisher(engine.db, pub.key.publicKeyPem);
  return engine;
}

/** Every listed file was sent exactly once in full, over however many requests. */
function expectEachFileServedOnce(): void {
  for (const f of manifest.files) expect(server.bytesServed.get(`/pkg/${f.path}`), f.path).toBe(f.size);
}

beforeAll(async () => {
  pub = PublisherFixture.create(dir);
  await pub.importRecordals(Array.from({ length: 6 }, (_, i) => ({ id: `H${i}`, icon: 300 + i })));
  pub.putSyntheticVectors();
  await pub.publish(join(dir, 'pkg'), { snapshot: true });
  manifest = JSON.parse(readFileSync(join(dir, 'pkg', MANIFEST_FILE), 'utf8')) as PackageManifest;
  server = await startStaticServer(dir);
});

afterAll(async () => {
  await server?.close();
  await pub?.close();
});

describe('sync over HTTP', () => {
  it('an interrupted download is rejected with the DB unchanged, and the next run resumes where it stopped', async () => {
    server.bytesServed.clear();
    const device = await newDevice('resume.db');
    try {
      const big = [...manifest.files].sort((a, b) => b.size - a.size)[0];
      const half = Math.floor(big.size / 2);
      server.cutNext(`/pkg/${big.path}`, half);
      const before = dumpDatabase(device.db);

      const err = await device.sync({ from: `${server.url}pkg`, retries: 0, embed: false }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SyncRejectedError);
      expect((err as Error).message).toMatch(new RegExp(`${big.path}: .* after ${half} of ${big.size} bytes; run sync again to resume`));
      expect(dumpDatabase(device.db)).toBe(before);
      const staged = join(dir, 'resume.db.sync');
      expect(existsSync(staged)).toBe(true);
      expect(server.rangeRequests).toEqual([]);

      const report = await device.sync({ from: `${server.url}pkg`, retries: 0, embed: false });
      expect(server.rangeRequests).toEqual([`/pkg/${big.path}`]);
      expect(report).toMatchObject({ sequence: 1, images: 6, embeddings: 6 });
      expectEachFileServedOnce();
      expect(existsSync(staged)).toBe(false); // staging is removed once the package is in
      expect(device.db.prepare('SELECT count(*) FROM marks').pluck().get()).toBe(6);
    } finally {
      await device.close();
    }
  });

  it('retries within one run resume with Range requests instead of starting over', async () => {
    server.bytesServed.clear();
    server.rangeRequests.length = 0;
    const device = await newDevice('retry.db');
    try {
      const cut = manifest.files.slice(0, 3);
      for (const f of cut) server.cutNext(`/pkg/${f.path}`, Math.max(1, Math.floor(f.size / 3)));
      const report = await device.sync({ from: `${server.url}pkg/`, embed: false });
      expect(server.rangeRequests).toEqual(cut.map((f) => `/pkg/${f.path}`));
      expect(report.bytesFetched).toBe(manifest.files.reduce((n, f) => n + f.size, 0));
      expectEachFileServedOnce();
    } finally {
      await device.close();
    }
  });

  it('cancel stops a stalled download mid-file, progress moved within the file, and the next run resumes it', async () => {
    server.bytesServed.clear();
    server.rangeRequests.length = 0;
    const device = await newDevice('cancel.db');
    try {
      const big = [...manifest.files].sort((a, b) => b.size - a.size)[0];
      const half = Math.floor(big.size / 2);
      server.stallNext(`/pkg/${big.path}`, half);
      const abort = new AbortController();
      const progress: number[] = [];
      const run = device
        .sync({ from: `${server.url}pkg`, embed: false, signal: abort.signal, onProgress: (p) => p.phase === 'download' && progress.push(p.done) })
        .catch((e: unknown) => e);
      while ((server.bytesServed.get(`/pkg/${big.path}`) ?? 0) < half) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 50));
      const cancelledAt = Date.now();
      abort.abort();
      const err = await run;
      expect(Date.now() - cancelledAt).toBeLessThan(2000); // not the 30 s read timeout
      expect(err).toMatchObject({ code: 'CANCELLED' });
      expect(device.db.prepare('SELECT count(*) FROM marks').pluck().get()).toBe(0);
      // a report fell inside the big file, not only on file boundaries
      const boundaries = new Set(manifest.files.reduce<number[]>((acc, f) => [...acc, (acc.at(-1) ?? 0) + f.size], [0]));
      expect(progress.some((done) => !boundaries.has(done))).toBe(true);

      const report = await device.sync({ from: `${server.url}pkg`, retries: 0, embed: false });
      expect(server.rangeRequests).toEqual([`/pkg/${big.path}`]);
      expect(report).toMatchObject({ sequence: 1, images: 6 });
      expectEachFileServedOnce();
    } finally {
      await device.close();
    }
  });

  it('a missing package answers with a one-line reason', async () => {
    const device = await newDevice('missing.db');
    try {
      await expect(device.sync({ from: `${server.url}nothing-here/`, embed: false })).rejects.toThrow(/manifest\.json: server answered 404/);
      expect(statSync(join(dir, 'missing.db')).size).toBeGreaterThan(0);
    } finally {
      await device.close();
    }
  });
});
