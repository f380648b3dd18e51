import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../api/staticContentTypes';

/** Serves one file from `root`; unknown paths get index.html (the app routes itself). Never leaves root. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(urlPath.split('?')[0])).replace(/^([/\\])+/, '');
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = join(root, rel);
  if (!(file + sep).startsWith(root + sep) && file !== root) {
    res.writeHead(403).end();
    return;
  }
  let info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    // a missing script or image is a 404, not the app's page (which would be cached for a year under assets/)
    if (rel.startsWith('assets/') || extname(rel) !== '') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    file = join(root, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('The renderer is not built: run `npm run build:renderer`.\n');
    return;
  }
  const immutable = file !== join(root, 'index.html') && rel.startsWith('assets/');
  res.writeHead(200, {
    'content-type': contentTypeOf(extname(file)),
    'content-length': info.size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  // the file can vanish between stat and open (a rebuild): end this response, never the server
  pipeline(createReadStream(file), res).catch(() => res.destroy());
}
