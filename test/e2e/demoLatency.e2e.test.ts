import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';
import { dropFile } from './lib/dropFile';
import { launchBrowser } from './lib/launchBrowser';
import { buildRenderer, ROOT, startServer } from './lib/startServer';

const DEMO_DB = join(ROOT, 'demo/demo.db');
const DEMO_PHOTOS = join(ROOT, 'demo/photos');

/** Time from drop to results shown on the demo database (web mode): the number the issue asks for. */
describe.skipIf(!existsSync(DEMO_DB) || !existsSync(DEMO_PHOTOS))('drop to results on the demo database', () => {
  const dir = tempDir('marksight-demo-e2e-');
  let browser: Browser | undefined;
  let stop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await browser?.close();
    await stop?.();
  });

  it('shows results within a second (p50 over the demo photos, twice each)', async () => {
    const db = join(dir, 'demo.db');
    copyFileSync(DEMO_DB, db); // the run writes query history; keep the demo file as built
    buildRenderer();
    const server = await startServer(db);
    stop = server.stop;
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('status-recordals').waitFor();
    const photos = readdirSync(DEMO_PHOTOS).filter((f) => /\.(jpe?g|png|webp)$/i.test(f));
    const times: number[] = [];
    let first = 0; // right after the page loads, while the engine host may still be warming up
    for (const round of [0, 1, 2]) {
      for (const f of photos) {
        const ms = await dropFile(page, join(DEMO_PHOTOS, f), f, 'image/jpeg');
        expect(ms, f).toBeGreaterThan(0);
        first ||= ms;
        if (round > 0) times.push(ms); // round 0: each photo's first run
      }
    }
    await page.locator('[data-testid=result-card]').first().click();
    await page.screenshot({ path: join(ROOT, 'test/e2e/screenshots/en-07-demo-results.png') });
    const sorted = [...times].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)];
    const stats = await page.locator('.statusbar').textContent();
    console.log(
      `demo DB drop -> results shown (web mode, ${sorted.length} drops of ${photos.length} photos): p50 ${p50.toFixed(0)} ms, ` +
        `max ${sorted.at(-1)!.toFixed(0)} ms; first drop after the page loaded ${first.toFixed(0)} ms  [${stats}]`,
    );
    expect(p50).toBeLessThan(1000);
  });
});
