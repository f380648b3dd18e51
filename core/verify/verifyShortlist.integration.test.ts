import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageRepository, markRepository, openDatabase, type Database } from '../../db';
import { decodeImage } from '../image';
import { logoSvg } from '../../test/helpers/fixtures';
import { tempDir } from '../../test/helpers/tempDir';
import { synthPhoto } from '../../test/helpers/synthPhoto';
import { indexLocalFeatures } from './indexLocalFeatures';
import { extractMarkFeatures } from './localFeatures';
import { createVerifier } from './verifyShortlist';
import { beginVerification, VerifierThread } from './verifierThread';
import { iou } from '../image';

async function markPng(slug: string, hex: string): Promise<Buffer> {
  return sharp(Buffer.from(logoSvg(slug, hex)), { density: (72 * 320) / 24 }).resize(320, 320, { fit: 'inside' }).png().toBuffer();
}

function addMark(db: Database, id: string, png: Buffer): string {
  const sha256 = createHash('sha256').update(png).digest('hex');
  imageRepository(db).put({ sha256, format: 'png', width: 320, height: 320, bytes: png });
  markRepository(db).upsert({ id, recordalId: null, imageSha256: sha256, kind: 'device', sourcePath: null });
  return sha256;
}

describe('shortlist verification (real logos, real database)', async () => {
  const db = openDatabase(join(tempDir(), 'verify.db'));
  const pngs = { php: await markPng('php', '777BB4'), github: await markPng('github', '181717'), starbucks: await markPng('starbucks', '006241') };
  const sha = { php: addMark(db, 'php', pngs.php), github: addMark(db, 'github', pngs.github), starbucks: addMark(db, 'starbucks', pngs.starbucks) };
  const report = await indexLocalFeatures(db);

  it('stores features for every mark image at index time', () => {
    expect(report.extracted).toBe(3);
    expect(report.failed).toEqual([]);
  });

  it('indexes every other image on the verification thread, to the same features, and names an unreadable one', async () => {
    const other = openDatabase(join(tempDir(), 'verify-threaded.db'));
    for (const [id, png] of Object.entries(pngs)) addMark(other, id, png);
    const broken = Buffer.from('not an image at all');
    const brokenSha = createHash('sha256').update(broken).digest('hex');
    imageRepository(other).put({ sha256: brokenSha, format: 'png', width: 320, height: 320, bytes: broken });
    markRepository(other).upsert({ id: 'garbled', recordalId: null, imageSha256: brokenSha, kind: 'device', sourcePath: null });
    const thread = new VerifierThread();
    try {
      const threaded = await indexLocalFeatures(other, { thread });
      expect(threaded.extracted).toBe(3);
      expect(threaded.failed).toEqual([{ where: 'mark garbled', reason: 'image: not a readable image (contains unsupported image format)' }]);
      expect(thread.answers).toBeGreaterThanOrEqual(1); // the thread took its lane's images
      const rows = (d: Database) =>
        d.prepare('SELECT image_sha256, count, points, descriptors FROM local_features ORDER BY image_sha256').all();
      expect(rows(other)).toEqual(rows(db));
      // and what the thread extracts is what the calling thread extracts, mark by mark
      for (const png of Object.values(pngs)) {
        expect(await thread.markFeatures(png)).toEqual(await extractMarkFeatures((await decodeImage(png)).raster));
      }
      expect(thread.markAnswers).toBeGreaterThanOrEqual(3);
    } finally {
      await thread.close();
      other.close();
    }
  });

  for (const [name, opts] of [
    ['rotated', { angleDeg: 30, perspective: 0, markScale: 0.5, seed: 7 }],
    ['perspective', { angleDeg: -12, perspective: 0.25, markScale: 0.55, seed: 8 }],
  ] as const) {
    it(`verifies a ${name} copy with the right box, and not the unrelated marks`, async () => {
      const photo = await synthPhoto(pngs.starbucks, opts);
      const raster = (await decodeImage(photo.jpeg)).raster;
      const byImage = (await createVerifier(db, raster)).verify([sha.starbucks, sha.php, sha.github]);
      const hit = byImage.get(sha.starbucks)!;
      expect(hit.verified).toBe(true);
      expect(iou(hit.box!, photo.box)).toBeGreaterThanOrEqual(0.7);
      expect(byImage.get(sha.php)!.verified).toBe(false);
      expect(byImage.get(sha.github)!.verified).toBe(false);
    });
  }

  it('says nothing was tried for a mark with no stored features', async () => {
    const raster = (await decodeImage((await synthPhoto(pngs.php, { seed: 3 })).jpeg)).raster;
    const byImage = (await createVerifier(db, raster)).verify(['0'.repeat(64)]);
    expect(byImage.get('0'.repeat(64))).toMatchObject({ tried: false, verified: false });
  });

  describe('on the verification thread', () => {
    const thread = new VerifierThread();
    afterAll(() => thread.close());

    it('gives what the calling thread gives, round after round', async () => {
      const raster = (await decodeImage((await synthPhoto(pngs.starbucks, { angleDeg: -12, perspective: 0.25, markScale: 0.55, seed: 8 })).jpeg)).raster;
      const here = (await createVerifier(db, raster)).verify([sha.starbucks, sha.php, sha.github]);
      const remote = thread.begin(db, raster);
      const answered = thread.answers;
      const checkedHere = thread.checkedHere;
      const first = await remote.verify([sha.starbucks]);
      expect([...first.keys()]).toEqual([sha.starbucks]);
      const both = await remote.verify([sha.php, sha.github, sha.starbucks]);
      remote.end();
      expect(thread.answers - answered).toBe(2); // both rounds ran on the thread...
      expect(thread.checkedHere - checkedHere).toBe(1); // ...which sent its features back: github was checked here
      expect(new Map([...both].sort())).toEqual(new Map([...here].sort()));
      expect(both.get(sha.starbucks)!.verified).toBe(true);
    });

    it('verifies on the calling thread when the thread is closed mid-photo, and for every photo after', async () => {
      const raster = (await decodeImage((await synthPhoto(pngs.starbucks, { angleDeg: 30, perspective: 0, markScale: 0.5, seed: 7 })).jpeg)).raster;
      const here = (await createVerifier(db, raster)).verify([sha.starbucks]).get(sha.starbucks);
      const closing = new VerifierThread();
      await closing.begin(db, raster).verify([sha.php]);
      expect(closing.answers).toBe(1);
      const waiting = closing.begin(db, raster).verify([sha.starbucks]);
      await closing.close();
      expect((await waiting).get(sha.starbucks)).toEqual(here);
      const after = closing.begin(db, raster);
      expect((await after.verify([sha.starbucks])).get(sha.starbucks)).toEqual(here);
      after.end();
      expect(closing.answers).toBe(1);
    });

    it('does not wait forever for a thread that died while the regions were embedded', async () => {
      const raster = (await decodeImage((await synthPhoto(pngs.starbucks, { angleDeg: 30, perspective: 0, markScale: 0.5, seed: 7 })).jpeg)).raster;
      const dying = new VerifierThread(new URL('./no-such-worker.mjs', import.meta.url));
      const photo = dying.begin(db, raster);
      await new Promise((r) => setTimeout(r, 500)); // the thread's failure to load arrives meanwhile
      expect((await photo.verify([sha.starbucks])).get(sha.starbucks)).toMatchObject({ tried: true, verified: true });
      expect(dying.answers).toBe(0);
    });

    it('verifies on the calling thread when the thread cannot start', async () => {
      const raster = (await decodeImage((await synthPhoto(pngs.starbucks, { angleDeg: 30, perspective: 0, markScale: 0.5, seed: 7 })).jpeg)).raster;
      const broken = new VerifierThread(new URL('./no-such-worker.mjs', import.meta.url));
      for (let photo = 0; photo < 2; photo++) {
        const byImage = await broken.begin(db, raster).verify([sha.starbucks, sha.php]);
        expect(byImage.get(sha.starbucks)).toMatchObject({ tried: true, verified: true });
        expect(byImage.get(sha.php)).toMatchObject({ tried: true, verified: false });
      }
      expect(broken.answers).toBe(0);
      await broken.close();
    });

    it('verifies a database without a file on the calling thread (a thread could not open it)', async () => {
      const memory = openDatabase(':memory:');
      const shaStarbucks = addMark(memory, 'starbucks', pngs.starbucks);
      await indexLocalFeatures(memory);
      const raster = (await decodeImage((await synthPhoto(pngs.starbucks, { angleDeg: 30, perspective: 0, markScale: 0.5, seed: 7 })).jpeg)).raster;
      const byImage = await beginVerification(memory, raster, thread).verify([shaStarbucks]);
      expect(byImage.get(shaStarbucks)).toMatchObject({ tried: true, verified: true });
    });
  });
});
