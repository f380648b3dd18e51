import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../core';
import { tempDir } from '../helpers/tempDir';
import { buildTestDb, makePhoto } from './fixtures/buildTestDb';
import { dropFile } from './lib/dropFile';
import { openWebApp, type WebApp } from './lib/openWebApp';
import { ROOT } from './lib/startServer';

const SHOTS = join(ROOT, 'test/e2e/screenshots');
const ICONS = join(dirname(createRequire(import.meta.url).resolve('simple-icons')), 'icons');

// What limited an answer reaches the inspector, in their language: here two marks were imported after the last
// index run, so they cannot match until "Index missing images" runs.
describe('query warnings and indexing from Settings in web mode (real server, real database, Chromium)', () => {
  const dir = tempDir('marksight-e2e-warn-');
  let app: WebApp;
  let page: Page;
  let photo: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const db = await buildTestDb(dir);
    const late = join(dir, 'late-marks');
    mkdirSync(late);
    for (const slug of ['samsung', 'fila']) copyFileSync(join(ICONS, `${slug}.svg`), join(late, `${slug}.svg`));
    const engine = await openEngine({ dbPath: db.dbPath });
    await engine.importImages(late);
    await engine.close();
    photo = (await makePhoto(db.logo('puma'), join(dir, 'bag.jpg'))).path;
    app = await openWebApp(db.dbPath);
    page = app.page;
  });

  afterAll(() => app?.close());

  it('says how many marks cannot match yet, and what to do, in English and Chinese', async () => {
    await page.goto(app.url);
    await dropFile(page, photo, 'bag.jpg', 'image/jpeg');
    const notice = page.getByTestId('query-warnings');
    await expect.poll(() => notice.textContent()).toBe('2 of 14 recorded marks are not indexed yet and cannot match. Run “Index missing images” in Settings.');
    await expect.poll(() => page.locator('[data-testid=result-card]').first().getAttribute('data-mark-id')).toBe('puma');
    await page.screenshot({ path: join(SHOTS, 'en-08-warning.png') });
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => notice.textContent()).toContain('有 2 / 14 个备案图样尚未建立索引');
    await page.screenshot({ path: join(SHOTS, 'zh-08-warning.png') });
    await page.getByTestId('language').selectOption('en');
  });

  it('indexes the missing marks from Settings, and the next search has no warning', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByRole('button', { name: 'Index missing images' }).click();
    await expect.poll(() => page.locator('.maintenance [role=status]').textContent()).toBe('Done.');
    // the status bar counts refresh when the job ends
    await expect.poll(() => page.locator('.statusbar').textContent()).toMatch(/Indexed\s*14/);
    await page.screenshot({ path: join(SHOTS, 'en-09-indexed.png') });
    await page.getByTestId('nav-inspect').click();
    await page.getByRole('button', { name: 'Search again' }).click();
    await expect.poll(() => page.locator('[data-testid=result-card]').first().getAttribute('data-mark-id')).toBe('puma');
    await expect.poll(() => page.getByTestId('query-warnings').count()).toBe(0);
  });
});
