import type { Page } from 'playwright-core';
import { launchBrowser, openAppPage } from './launchBrowser';
import { buildRenderer, startServer } from './startServer';

export interface WebApp {
  url: string;
  page: Page;
  /** Closes the browser, then stops the server (safe to call after a failed start). */
  close(): Promise<void>;
}

/**
 * What every e2e file starts with: the current renderer built, web mode serving `dbPath`, and Chromium on a
 * desktop-sized English page. `step` hears each stage as it completes (setup timing in the test log).
 */
export async function openWebApp(dbPath: string, step: (what: string) => void = () => undefined): Promise<WebApp> {
  buildRenderer();
  step('renderer built');
  const server = await startServer(dbPath);
  step('server listening');
  const browser = await launchBrowser().catch(async (err: unknown) => {
    await server.stop();
    throw err;
  });
  step('browser launched');
  const page = await openAppPage(browser);
  return {
    url: server.url,
    page,
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}
