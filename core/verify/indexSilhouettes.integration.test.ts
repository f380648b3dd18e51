import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageRepository, markRepository, openDatabase, silhouetteRepository, type Database } from '../../db';
import { decodeImage } from '../image';
import { logoSvg } from '../../test/helpers/fixtures';
import { tempDir } from '../../test/helpers/tempDir';
import { synthPhoto } from '../../test/helpers/synthPhoto';
import { indexSilhouettes } from './indexSilhouettes';
import { ShapeChecker } from './shapeChecker';
import { markSilhouettesOf, regionShape, shapeAgreement, SILHOUETTE_VERSION, soften, unpackSilhouettes } from './silhouette';

function addMark(db: Database, id: string, bytes: Buffer, format = 'png'): string {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  imageRepository(db).put({ sha256, format, width: 320, height: 320, bytes });
  markRepository(db).upsert({ id, recordalId: null, imageSha256: sha256, kind: 'device', sourcePath: null });
  return sha256;
}

describe('indexSilhouettes (real logos, real database)', async () => {
  const db = openDatabase(join(tempDir(), 'silhouettes.db'));
  const png = async (slug: string) => sharp(Buffer.from(logoSvg(slug, '334455')), { density: 960 }).resize(320, 320, { fit: 'inside' }).png().toBuffer();
  const mqtt = await png('mqtt');
  const sha = { mqtt: addMark(db, 'mqtt', mqtt), dolby: addMark(db, 'dolby', await png('dolby')) };
  const broken = addMark(db, 'broken', Buffer.from('not an image at all'));

  it('stores bit-packed silhouettes for every readable mark image, reports the unreadable one, and resumes', async () => {
    const first = await indexSilhouettes(db);
    expect(first.extracted).toBe(2);
    expect(first.failed).toHaveLength(1);
    expect(first.failed[0].where).toContain(broken.slice(0, 12));
    const repo = silhouetteRepository(db);
    for (const s of Object.values(sha)) {
      const masks = unpackSilhouettes(repo.get(s, SILHOUETTE_VERSION)!);
      expect(masks.length).toBeGreaterThanOrEqual(1); // see-through marks: ink and opaque pixels
      expect(masks[0].reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    }
    expect(repo.get(broken, SILHOUETTE_VERSION)).toBeUndefined();
    expect((await indexSilhouettes(db)).extracted).toBe(0);
  });

  it('scores a copy the same from stored silhouettes as from the image bytes', async () => {
    const photo = await synthPhoto(mqtt, { angleDeg: 6, markScale: 0.6, seed: 5, clutter: 0 });
    const raster = (await decodeImage(photo.jpeg)).raster;
    const [x, y, w, h] = photo.box;
    const box: [number, number, number, number] = [Math.max(0, x - 20), Math.max(0, y - 20), 0, 0];
    box[2] = Math.min(raster.width, x + w + 20) - box[0];
    box[3] = Math.min(raster.height, y + h + 20) - box[1];
    const stored = await new ShapeChecker(db, raster, [box]).agreement(sha.mqtt, 0);
    // the checker caches marks per process, so compare with the bytes masked here directly
    const fromBytes = shapeAgreement(await regionShape(raster, box), (await markSilhouettesOf(mqtt)).map(soften));
    expect(stored).toBeGreaterThan(0.7);
    expect(stored).toBeCloseTo(fromBytes, 6);
    expect(await new ShapeChecker(db, raster, [box]).agreement(sha.dolby, 0)).toBeLessThan(stored - 0.2);
  });
});
