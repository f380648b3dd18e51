import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';
import { buildTestDb, makePhoto } from './fixtures/buildTestDb';
import { dropFile, pasteFile, type PageGlobals } from './lib/dropFile';
import { openWebApp, type WebApp } from './lib/openWebApp';
import { ROOT } from './lib/startServer';

const SHOTS = join(ROOT, 'test/e2e/screenshots');

const firstMarkId = (page: Page) => page.locator('[data-testid=result-card]').first().getAttribute('data-mark-id');

describe('the inspector flow in web mode (real server, real database, Chromium)', () => {
  const dir = tempDir('marksight-e2e-');
  let app: WebApp;
  let page: Page;
  let nikePhoto: { path: string; box: [number, number, number, number] };
  let applePhoto: string;
  const badFile = join(dir, 'shipping-label.jpg');

  const shot = async (name: string) => {
    await page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const t0 = Date.now();
    const step = (what: string) => console.log(`setup: ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const db = await buildTestDb(dir);
    step('test database built');
    nikePhoto = await makePhoto(db.logo('nike'), join(dir, 'sneaker.jpg'));
    applePhoto = (await makePhoto(db.logo('apple'), join(dir, 'phone-case.jpg'))).path;
    writeFileSync(badFile, 'Consignment 4471: 200 cartons, sports shoes. This is text, not a photo.\n');
    app = await openWebApp(db.dbPath, step);
    page = app.page;
  });

  afterAll(() => app?.close());

  it('opens on the database status', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('status-recordals').textContent()).toContain('12');
    await expect.poll(() => page.locator('.statusbar').textContent()).toContain('mnv2');
    await shot('en-01-start');
  });

  it('finds the right mark first in a dropped photo', async () => {
    const ms = await dropFile(page, nikePhoto.path, 'sneaker.jpg', 'image/jpeg');
    expect(ms).toBeGreaterThan(0);
    expect(await firstMarkId(page)).toBe('nike');
    await expect.poll(() => page.getByTestId('compare-name').textContent()).toBe('Swoosh');
    await shot('en-02-results');
  });

  it('opens compare for a match and records a decision', async () => {
    await page.locator('[data-testid=result-card]').first().click();
    await expect.poll(() => page.getByTestId('recordal').textContent()).toContain('Nike Innovate C.V.');
    expect(await page.getByTestId('recordal').textContent()).toContain('T2019-00101');
    // the evidence behind the probability: matching points, text
    expect(await page.getByTestId('evidence-geometry').textContent()).toMatch(/\d+ of \d+ fit one view of the mark/);
    expect(await page.getByTestId('evidence-text').textContent()).toBe('no matching text read');
    await shot('en-03-compare');
    await page.keyboard.press('1'); // suspected infringement, by keyboard
    await expect.poll(() => page.getByTestId('decision-state').textContent()).toContain('Suspected infringement');
    await page.getByTestId('decision-note').fill('Logo stitched crooked; no hologram tag');
    await page.getByTestId('decide-needs_confirmation').click(); // changing one's mind, by mouse, with a note
    await expect.poll(() => page.getByTestId('decision-state').textContent()).toContain('Needs right-holder confirmation');
    const queryId = Number(await page.getByTestId('results').getAttribute('data-query-id'));
    const stored = await (await page.request.post(`${app.url}/api/decisions-list`, { data: { queryId } })).json();
    expect(stored).toMatchObject({ ok: true, value: [{ markId: 'nike', decision: 'needs_confirmation', note: 'Logo stitched crooked; no hologram tag' }] });
    expect(await page.getByTestId('card-decision').first().textContent()).toBe('Needs right-holder confirmation');
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('.result-card.selected .result-rank').textContent()).toBe('2');
    await page.keyboard.press('k');
    await expect.poll(() => page.locator('.result-card.selected .result-rank').textContent()).toBe('1');
    await shot('en-03b-decided');
  });

  it('says which results were found where the first mark was identified', async () => {
    const cards = page.locator('[data-testid=result-card]');
    const explained: string[] = [];
    for (let i = 0; i < (await cards.count()); i++) {
      // a card shows the engine's rank: one under the score floor (settings) is hidden, so ranks can skip
      const rank = await cards.nth(i).locator('.result-rank').textContent();
      await cards.nth(i).click();
      await expect.poll(() => page.locator('.result-card.selected .result-rank').textContent()).toBe(rank);
      const row = page.getByTestId('evidence-same-place');
      if (await row.count()) explained.push(`${rank}: ${await row.textContent()}`);
    }
    // one mark on the goods: every runner-up of another recordal found on it is put after the rest, and says so
    expect(explained.length).toBeGreaterThan(0);
    for (const e of explained) expect(e).toMatch(/^([2-9]|1\d): #1 Swoosh, identified there first/);
    await shot('en-03c-same-place');
    await cards.first().click();
    await expect.poll(() => page.locator('.result-card.selected .result-rank').textContent()).toBe('1');
  });

  it('switches to Chinese, and a reload keeps the language and the decision', async () => {
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('decision-state').textContent()).toContain('待权利人确认');
    await page.reload();
    await expect.poll(() => firstMarkId(page)).toBe('nike');
    await expect.poll(() => page.getByTestId('card-decision').first().textContent()).toBe('待权利人确认');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByTestId('recordal').textContent()).toContain('权利人');
    expect(await page.getByTestId('evidence').textContent()).toContain('匹配特征点');
    await shot('zh-03-compare');
    await page.locator('[data-testid=result-card]').nth(1).click();
    await shot('zh-02-results');
  });

  it('draws a crop on the photo and searches that region', async () => {
    const img = page.getByTestId('photo');
    const r = (await img.boundingBox())!;
    const s = r.width / 640;
    const [x, y, w, h] = nikePhoto.box;
    const before = await page.getByTestId('results').getAttribute('data-query-id');
    await page.mouse.move(r.x + (x - 12) * s, r.y + (y - 12) * s);
    await page.mouse.down();
    await page.mouse.move(r.x + (x + w / 2) * s, r.y + (y + h / 2) * s, { steps: 4 });
    await page.mouse.move(r.x + (x + w + 12) * s, r.y + (y + h + 12) * s, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('results').getAttribute('data-query-id')).not.toBe(before);
    expect(await firstMarkId(page)).toBe('nike');
    await expect.poll(() => page.locator('.crop-on').count()).toBe(1);
    await shot('zh-02b-crop');
  });

  it('takes a pasted image and a webcam capture', async () => {
    let before = await page.getByTestId('results').getAttribute('data-query-id');
    await pasteFile(page, applePhoto, 'image/jpeg');
    await expect.poll(() => page.getByTestId('results').getAttribute('data-query-id')).not.toBe(before);
    expect(await firstMarkId(page)).toBe('apple');

    before = await page.getByTestId('results').getAttribute('data-query-id');
    await page.getByRole('button', { name: '拍照' }).click();
    const capture = page.getByRole('button', { name: '拍摄' });
    await expect.poll(() => capture.isEnabled()).toBe(true);
    await shot('zh-07-camera');
    await capture.click();
    await expect.poll(() => page.getByTestId('results').getAttribute('data-query-id')).not.toBe(before);
    expect(await page.locator('[data-testid=result-card]').count()).toBeGreaterThan(0);
  });

  it('explains a file that is not a photo', async () => {
    // Ctrl+O must open the file picker. Headless Chromium's picker plumbing is flaky under load, so the
    // test checks that the key opens the picker (the file input is clicked) and then gives it the file.
    await page.evaluate(`(() => {
      window.__pickerOpened = 0;
      const click = HTMLInputElement.prototype.click;
      HTMLInputElement.prototype.click = function () {
        if (this.type !== 'file') return click.call(this);
        window.__pickerOpened++;
        HTMLInputElement.prototype.click = click;
      };
    })()`);
    await page.keyboard.press('Control+o');
    await expect.poll(() => page.evaluate('window.__pickerOpened')).toBe(1);
    await page.getByTestId('file-input').setInputFiles(badFile);
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('无法读取该文件');
    await shot('zh-06-bad-file');
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('not an image MarkSight can read');
    await shot('en-06-bad-file');
  });

  it('lists the queries in history and reopens one with its decision', async () => {
    await page.getByTestId('nav-history').click();
    await expect.poll(() => page.getByTestId('history').locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    await shot('en-04-history');
    await page.getByTestId('language').selectOption('zh-CN');
    await shot('zh-04-history');
    await page.getByTestId('history').locator('tbody tr').last().getByRole('button').click();
    await expect.poll(() => page.getByTestId('card-decision').first().textContent()).toBe('待权利人确认');
  });

  it('shows the settings in both languages', async () => {
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByTestId('settings-language').inputValue()).toBe('zh-CN');
    await shot('zh-05-settings');
    await page.getByTestId('language').selectOption('en');
    await shot('en-05-settings');
    await page.getByTestId('nav-inspect').click();
    await page.getByRole('button', { name: 'New photo' }).click(); // back to the empty start screen
    await expect.poll(() => page.locator('.dropzone').count()).toBe(1);
    await shot('en-01-start-again');
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('status-recordals').textContent()).toContain('备案');
    await shot('zh-01-start');
    await page.getByTestId('language').selectOption('en');
  });

  it('measures drop to results shown (p50 over several drops)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const ms = await dropFile(page, i % 2 ? applePhoto : nikePhoto.path, `photo-${i}.jpg`, 'image/jpeg');
      expect(ms).toBeGreaterThan(0);
      times.push(ms);
    }
    await shot('en-02c-apple');
    const sorted = [...times].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)];
    console.log(`drop -> results shown (web mode, ${sorted.length} drops): p50 ${p50.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms [${sorted.map((t) => t.toFixed(0)).join(', ')}]`);
    expect(p50).toBeLessThan(3000);
  });
});
