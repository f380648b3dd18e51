import type { IncomingMessage } from 'node:http';
import { MarkSightError } from '../api/errors';

/** The request body was larger than this server accepts. */
export class BodyTooLargeError extends MarkSightError {
  override name = 'BodyTooLargeError';
  constructor(limit: number) {
    super('IMAGE_TOO_LARGE', `the upload is larger than ${Math.round(limit / 2 ** 20)} MB`);
  }
}

/** Reads a whole request body, stopping (and failing) as soon as it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
