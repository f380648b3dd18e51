/**
 * The window's security settings and the rules for what it may load, in one module that does not
 * import electron, so a plain vitest test can assert them (electron/security.test.ts).
 */
import { CONTENT_SECURITY_POLICY } from '../api/contentSecurityPolicy';

export { CONTENT_SECURITY_POLICY };

/** The renderer is served from this privileged custom scheme, never from file:// or the network. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'marksight';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** webPreferences for the one BrowserWindow; `preload` is added at runtime (an absolute path). */
export const SECURE_WEB_PREFERENCES = {
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
  safeDialogs: true,
  spellcheck: false,
} as const;

/** Only the app's own origin may be shown; everything else (http, https, file, ws) is refused. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The window never navigates away from the app: links and drops that try are cancelled. */
export function allowNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** Permissions the renderer may ask for: the camera (webcam capture) and reading the clipboard. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['media', 'clipboard-read', 'clipboard-sanitized-write'];

export function allowPermission(permission: string, requestingUrl: string): boolean {
  return isAppUrl(requestingUrl) && ALLOWED_PERMISSIONS.includes(permission);
}

/** Requests the session lets through: the app's own scheme and in-memory data/blob URLs. Nothing remote. */
export function allowRequest(url: string): boolean {
  return isAppUrl(url) || url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools:');
}
