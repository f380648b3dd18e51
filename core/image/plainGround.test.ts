import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { logoSvg, photoOf } from '../../test/helpers/fixtures';
import { decodeImage, type RasterImage } from './decodeImage';
import { plainGroundTransparency, withSeeThrough } from './plainGround';
import { reflatten } from './rasterOps';

/** w x h RGB filled with `ground`, with `paint(x, y)` returning a colour for ink pixels. */
function raster(w: number, h: number, ground: number[], paint: (x: number, y: number) => number[] | null): RasterImage {
  const data = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(paint(x, y) ?? ground, (y * w + x) * 3);
  return { data, width: w, height: h };
}

const at = (t: { alpha: Buffer }, w: number, x: number, y: number) => t.alpha[y * w + x];

describe('plain-ground transparency of marks without alpha', () => {
  it('takes the ground flooding in from the border, keeps the ink and a hole enclosed by it', () => {
    // a black ring (20..40 x 10..30) on white; its inside (26..34 x 16..24) is white but enclosed
    const ring = (x: number, y: number) => (x >= 20 && x < 40 && y >= 10 && y < 30 && !(x >= 26 && x < 34 && y >= 16 && y < 24) ? [0, 0, 0] : null);
    const t = plainGroundTransparency(raster(60, 40, [255, 255, 255], ring))!;
    expect(t.background).toBe(255);
    expect(at(t, 60, 0, 0)).toBe(0);
    expect(at(t, 60, 10, 20)).toBe(0);
    expect(at(t, 60, 25, 20)).toBe(255);
    expect(at(t, 60, 30, 20)).toBe(255);
  });

  it('puts a logo JPEG on white onto mid-grey: ground grey, ink unchanged', async () => {
    const jpeg = await sharp(Buffer.from(logoSvg('starbucks', '006241')), { density: 300 })
      .resize(240, 240, { fit: 'contain', background: '#ffffff' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer();
    const { raster: image } = await decodeImage(jpeg);
    expect(image.transparency).toBeUndefined();
    const seeThrough = withSeeThrough(image);
    expect(seeThrough.transparency).toBeDefined();
    const grey = reflatten(seeThrough, 127)!;
    const px = (img: RasterImage, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)];
    for (const c of px(grey, 2, 2)) expect(Math.abs(c - 127)).toBeLessThanOrEqual(3);
    const centre = [image.width >> 1, image.height >> 1] as const;
    expect(px(grey, ...centre)).toEqual(px(image, ...centre)); // the siren's face is ink, not ground
  });

  it('leaves a photo, a coloured ground and an image with its own alpha alone', async () => {
    const { raster: photo } = await decodeImage(await photoOf('nike'));
    expect(plainGroundTransparency(photo)).toBeNull();
    expect(plainGroundTransparency(raster(50, 50, [200, 30, 30], (x, y) => (x > 20 && x < 30 && y > 20 && y < 30 ? [0, 0, 0] : null)))).toBeNull();
    expect(plainGroundTransparency(raster(50, 50, [255, 255, 255], () => null))).toBeNull(); // blank: no mark at all
    const { raster: svg } = await decodeImage(Buffer.from(logoSvg('nike')));
    expect(withSeeThrough(svg)).toBe(svg);
  });
});
