import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * The few browser globals the in-page code below touches. The Node-side tsconfig has no DOM types
 * on purpose, so page code casts globalThis to this (a type-only cast: nothing of it runs in Node).
 */
interface PageEl {
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageEl | null;
  dispatchEvent(event: unknown): boolean;
}
export interface PageGlobals {
  document: { querySelector(selector: string): PageEl | null; fonts: { ready: Promise<unknown> } };
  DataTransfer: new () => { items: { add(file: unknown): void } };
  DragEvent: new (type: string, init: object) => unknown;
  ClipboardEvent: new (type: string, init: object) => unknown;
  File: new (bits: unknown[], name: string, options: { type: string }) => unknown;
  requestAnimationFrame(callback: () => void): number;
}

/** Drops a file on the photo panel the way a desktop drag does, and returns ms until the results are painted. */
export async function dropFile(page: Page, path: string, name: string, type: string): Promise<number> {
  const b64 = readFileSync(path).toString('base64');
  return page.evaluate(
    ({ b64, name, type }) =>
      new Promise<number>((resolve, reject) => {
        const { document, DataTransfer, DragEvent, File, requestAnimationFrame } = globalThis as unknown as PageGlobals;
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type }));
        const before = document.querySelector('[data-testid=results]')?.getAttribute('data-query-id') ?? null;
        const zone = document.querySelector('[data-testid=drop-zone]') ?? document.querySelector('main')!;
        const t0 = performance.now();
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        const poll = () => {
          const list = document.querySelector('[data-testid=results]');
          const id = list?.getAttribute('data-query-id') ?? null;
          if (list && id !== before && list.querySelector('[data-testid=result-card] img')) return resolve(performance.now() - t0);
          if (document.querySelector('[data-testid=error]')) return resolve(-1);
          if (performance.now() - t0 > 30_000) return reject(new Error('no results after 30 s'));
          requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      }),
    { b64, name, type },
  );
}


/** Pastes a file into the page as Ctrl+V with an image on the clipboard does. */
export async function pasteFile(page: Page, path: string, type: string): Promise<void> {
  const b64 = readFileSync(path).toString('base64');
  await page.evaluate(
    ({ b64, type }) => {
      const { document, DataTransfer, ClipboardEvent, File } = globalThis as unknown as PageGlobals;
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'image.png', { type }));
      document.querySelector('body')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    { b64, type },
  );
}
