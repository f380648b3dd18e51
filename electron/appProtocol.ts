import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { APP_HOST, CONTENT_SECURITY_POLICY } from './security';
import { contentTypeOf } from '../api/staticContentTypes';

/**
 * Answers app://marksight/<path> from the built renderer folder, with the CSP header on every
 * response. Anything outside the folder or on another host is a 404; unknown paths get index.html.
 */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = normalize(rendererDir);
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
    let file = join(root, rel);
    if (!file.startsWith(root + sep)) return new Response('not found', { status: 404 });
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      file = join(root, 'index.html');
      body = await readFile(file);
    }
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': contentTypeOf(extname(file)),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  };
}
