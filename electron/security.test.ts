import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allowNavigation,
  allowPermission,
  allowRequest,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  SECURE_WEB_PREFERENCES,
} from './security';

describe('Electron window security', () => {
  it('isolates the renderer: context isolation, sandbox, no Node', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
  });

  it('uses the secure preferences in the window it creates', () => {
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    expect(main).toMatch(/webPreferences:\s*\{\s*\.\.\.SECURE_WEB_PREFERENCES,\s*preload/);
    expect(main).not.toMatch(/nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/);
  });

  it('has a strict CSP: nothing remote, no inline or eval script, no plugins, no framing', () => {
    const d = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((x) => [x.split(' ')[0], x.split(' ').slice(1)]));
    expect(d['default-src']).toEqual(["'none'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['style-src']).toEqual(["'self'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('keeps the window on the app: navigation, permissions and requests', () => {
    expect(allowNavigation(`${APP_ORIGIN}/index.html`)).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:4300/', 'file:///etc/passwd', 'app://other/x', 'javascript:alert(1)']) {
      expect(allowNavigation(url)).toBe(false);
      expect(allowRequest(url)).toBe(false);
    }
    expect(allowRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(allowPermission('media', `${APP_ORIGIN}/`)).toBe(true);
    expect(allowPermission('geolocation', `${APP_ORIGIN}/`)).toBe(false);
    expect(allowPermission('media', 'https://example.com/')).toBe(false);
  });
});
