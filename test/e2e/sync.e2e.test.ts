import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../core/engine';
import { trustPublisher } from '../../core/sync';
import { PublisherFixture } from '../../core/sync/testing/publisherFixture';
import { tempDir } from '../helpers/tempDir';
import type { PageGlobals } from './lib/dropFile';
import { openWebApp, type WebApp } from './lib/openWebApp';
import { ROOT } from './lib/startServer';

const SHOTS = join(ROOT, 'test/e2e/screenshots');

describe('the Sync panel in web mode (real packages from the real publisher code, real server, Chromium)', () => {
  const dir = tempDir('marksight-sync-e2e-');
  const snapshot = join(dir, 'packages/0001');
  const delta = join(dir, 'packages/0002');
  const tampered = join(dir, 'usb-copy/0002');
  let keyId: string;
  let publicKeyPem: string;
  let app: WebApp;
  let page: Page;

  const shot = async (name: string) => {
    await page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };
  const lastSync = () => page.getByTestId('status-last-sync').getAttribute('data-last-sync');
  const syncFrom = async (source: string) => {
    await page.getByTestId('sync-source').fill(source);
    await page.getByTestId('sync-start').click();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // headquarters: four recordals, vectors from the real model, signed snapshot 1
    const hqDir = join(dir, 'hq');
    mkdirSync(hqDir);
    const hq = PublisherFixture.create(hqDir);
    try {
      await hq.importRecordals([
        { id: 'T2024-00011', icon: 101 },
        { id: 'T2024-00012', icon: 202 },
        { id: 'T2024-00013', icon: 303, licensees: ['Harbour Trading Co.'] },
        { id: 'T2024-00014', icon: 404 },
      ]);
      await hq.embed();
      expect(await hq.publish(snapshot, { snapshot: true })).toMatchObject({ written: true, sequence: 1 });
      // then two new recordals and one withdrawn: delta 2
      await hq.importRecordals([
        { id: 'T2025-00021', icon: 505 },
        { id: 'T2025-00022', icon: 606 },
      ]);
      hq.deleteRecordal('T2024-00014');
      await hq.embed();
      expect(await hq.publish(delta, { since: 1 })).toMatchObject({ written: true, sequence: 2, baseSequence: 1 });
      keyId = hq.key.keyId;
      publicKeyPem = hq.key.publicKeyPem;
      expect(JSON.parse(readFileSync(join(delta, 'manifest.json'), 'utf8')).publisherKeyId).toBe(keyId);
    } finally {
      await hq.close();
    }
    // a copy of delta 2 with one byte of one image flipped, as a bad USB copy would be
    cpSync(delta, tampered, { recursive: true });
    const image = join(tampered, 'images', readdirSync(join(tampered, 'images'))[0]);
    const bytes = readFileSync(image);
    bytes[Math.floor(bytes.length / 2)] ^= 0x20;
    writeFileSync(image, bytes);

    // the device: an empty database that trusts the publisher key (what `marksight trust` does)
    const dbPath = join(dir, 'device.db');
    const device = Engine.open({ dbPath });
    trustPublisher(device.db, publicKeyPem);
    await device.close();

    app = await openWebApp(dbPath);
    page = app.page;
  });

  afterAll(() => app?.close());

  it('shows the trusted key and that nothing is applied yet', async () => {
    await page.goto(app.url);
    await page.getByTestId('nav-sync').click();
    await expect.poll(() => page.getByTestId('sync-key').textContent()).toBe(keyId);
    expect(await page.getByTestId('sync-sequence').textContent()).toBe('none yet');
    expect(await lastSync()).toBe('');
    expect(await page.getByTestId('status-last-sync').textContent()).toContain('never');
    await shot('sync-en-01-ready');
  });

  it('applies the snapshot from a folder: sequence 1, the status bar shows the sync', async () => {
    await syncFrom(snapshot);
    await expect.poll(() => page.getByTestId('sync-result').getAttribute('data-sequence')).toBe('1');
    expect(await page.getByTestId('sync-result').textContent()).toContain('Full snapshot 1 applied.');
    await expect.poll(() => page.getByTestId('sync-sequence').textContent()).toBe('1');
    await expect.poll(lastSync).not.toBe('');
    await expect.poll(() => page.getByTestId('status-recordals').textContent()).toContain('4');
    await shot('sync-en-02-snapshot');
  });

  it('rejects a tampered copy of the delta in plain words and stays at sequence 1', async () => {
    const before = await lastSync();
    await syncFrom(tampered);
    await expect.poll(() => page.getByTestId('sync-error').getAttribute('data-code')).toBe('SYNC_HASH');
    const text = await page.getByTestId('sync-error').textContent();
    expect(text).toContain('The update package was rejected. Nothing in the database was changed.');
    expect(text).toContain('does not match its checksum');
    await expect.poll(() => page.getByTestId('sync-sequence').textContent()).toBe('1');
    expect(await lastSync()).toBe(before);
    expect(await page.getByTestId('status-recordals').textContent()).toContain('4');
    await shot('sync-en-03-rejected');
  });

  it('applies the good delta: sequence 2, last sync changes', async () => {
    const before = await lastSync();
    await syncFrom(delta);
    // the progress (phase text and Cancel) shows while it runs; the run may be too quick to catch
    await page
      .getByTestId('sync-progress')
      .waitFor({ timeout: 3000 })
      .then(() => shot('sync-en-04-progress'), () => undefined);
    await expect.poll(() => page.getByTestId('sync-result').getAttribute('data-sequence')).toBe('2');
    const text = await page.getByTestId('sync-result').textContent();
    expect(text).toContain('Update package 2 applied.');
    expect(text).toMatch(/Recordals added or updated\s*2/);
    expect(text).toMatch(/Recordals withdrawn\s*1/);
    await expect.poll(() => page.getByTestId('sync-sequence').textContent()).toBe('2');
    await expect.poll(lastSync).not.toBe(before);
    await expect.poll(() => page.getByTestId('status-recordals').textContent()).toContain('5');
    await shot('sync-en-05-delta');
  });

  it('speaks Chinese: the applied result, a replayed package refused, a repeat reported as already applied', async () => {
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('nav-sync').textContent()).toBe('数据同步');
    expect(await page.getByTestId('sync-result').textContent()).toContain('已应用更新包 2');
    await shot('sync-zh-05-delta');

    await syncFrom(snapshot);
    await expect.poll(() => page.getByTestId('sync-error').getAttribute('data-code')).toBe('SYNC_SEQUENCE');
    expect(await page.getByTestId('sync-error').textContent()).toContain('更新包被拒绝，数据库未作任何改动。');
    expect(await page.getByTestId('sync-sequence').textContent()).toBe('2');
    await shot('sync-zh-06-replay-rejected');

    await syncFrom(tampered); // same manifest as delta 2: recognised as already applied, nothing read
    await expect.poll(() => page.getByTestId('sync-result').textContent()).toContain('更新包 2 此前已应用');
    await shot('sync-zh-07-already-applied');
  });
});
