import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers/tempDir';
import { buildTestDb } from '../test/e2e/fixtures/buildTestDb';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = `dist/electron-test-main-${process.pid}`;

/**
 * The real main-process bundle, run by Node against a stand-in electron module
 * (electron/testing/fakeElectron.cjs): the window it opens, what it serves, what it refuses,
 * and a handler call through IPC to the engine in its (forked) utility process.
 */
describe('Electron main process (bundled), against a stand-in electron module', () => {
  const dir = tempDir();
  // the JSON line the stand-in prints; its shape is whatever fakeElectronModule.cjs reports
  let report: Record<string, any>;

  beforeAll(async () => {
    for (const [cmd, args] of [
      [join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error']],
      [process.execPath, [join(ROOT, 'electron/build.mjs'), '--outdir', OUT]],
    ] as const) {
      const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    const { dbPath } = await buildTestDb(dir);
    const run = spawnSync(
      process.execPath,
      ['--require', join(ROOT, 'electron/testing/fakeElectron.cjs'), join(ROOT, OUT, 'main.mjs'), '--db', dbPath],
      { cwd: ROOT, encoding: 'utf8', timeout: 90_000 },
    );
    const line = run.stdout.split('\n').find((l) => l.startsWith('FAKE_ELECTRON_REPORT '));
    expect(line, `${run.stdout}\n${run.stderr}`).toBeDefined();
    report = JSON.parse(line!.slice('FAKE_ELECTRON_REPORT '.length));
  });
  afterAll(() => rmSync(join(ROOT, OUT), { recursive: true, force: true }));

  it('opens one locked-down window on app://marksight with the preload', () => {
    expect(report.url).toBe('app://marksight/index.html');
    expect(report.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(report.preload).toBe(join(ROOT, OUT, 'preload.cjs'));
    expect(report.privileged[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    // a second copy of the app hands over to this one instead of opening the database again
    expect(report).toMatchObject({ singleInstanceLock: true, secondInstanceHandled: true });
  });

  it('serves the built renderer with the CSP and nothing outside it', () => {
    expect(report.index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(report.index.csp).toContain("default-src 'none'");
    expect(report.outsideBody).not.toContain('root:');
  });

  it('blocks navigation, new windows, remote requests and unneeded permissions', () => {
    expect(report.navigationPrevented).toEqual({ remote: true, app: false });
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.requestCancelled).toEqual({ remote: true, app: false });
    expect(report.permissions).toEqual({ media: true, geolocation: false });
  });

  it('answers the app page through IPC from the engine process, and refuses anyone else', () => {
    expect(report.fromApp).toMatchObject({ ok: true, value: { recordals: 12, indexed: 12 } });
    expect(report.fromElsewhere).toMatchObject({ ok: false, error: { code: 'IPC_REFUSED' } });
    expect(report.unknownHandler).toMatchObject({ ok: false, error: { code: 'IPC_REFUSED' } });
  });
});
