import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, type Box, type RasterImage } from '../image';
import { logoSvg } from '../../test/helpers/fixtures';
import { synthPhoto } from '../../test/helpers/synthPhoto';
import { inkMask, markSilhouettesOf, normalise, packSilhouettes, regionShape, shapeAgreement, soften, unpackSilhouettes } from './silhouette';

/** A simple-icons logo as a see-through PNG, as marks are recorded. */
async function markPng(slug: string, hex: string): Promise<Buffer> {
  return sharp(Buffer.from(logoSvg(slug, hex)), { density: (72 * 320) / 24 }).resize(320, 320, { fit: 'inside' }).png().toBuffer();
}

function raster(width: number, height: number, paint: (x: number, y: number) => [number, number, number]): RasterImage {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(paint(x, y), (y * width + x) * 3);
  return { data, width, height };
}

/** The photo box grown by 12 % of its longer side, like the region proposals' margin. */
function withMargin([x, y, w, h]: Box, width: number, height: number): Box {
  const m = 0.12 * Math.max(w, h);
  const x0 = Math.max(0, Math.round(x - m));
  const y0 = Math.max(0, Math.round(y - m));
  return [x0, y0, Math.min(width, Math.round(x + w + m)) - x0, Math.min(height, Math.round(y + h + m)) - y0];
}

describe('inkMask / normalise', () => {
  it('finds the ink that differs from the border colour, whatever its colour', () => {
    const square = (ink: [number, number, number], bg: [number, number, number]) =>
      raster(40, 30, (x, y) => (x >= 10 && x < 30 && y >= 5 && y < 25 ? ink : bg));
    for (const [ink, bg] of [
      [[20, 20, 20], [240, 240, 240]],
      [[250, 250, 250], [30, 60, 90]],
      [[200, 40, 40], [40, 160, 40]],
    ] as [number, number, number][][]) {
      const m = inkMask(square(ink, bg));
      const inked = [...m.mask].reduce((a, b) => a + b, 0);
      expect(inked).toBe(20 * 20);
      expect(m.mask[15 * 40 + 20]).toBe(1);
      expect(m.mask[2 * 40 + 2]).toBe(0);
    }
  });

  it('has no silhouette for a blank region or one that is all ink', () => {
    expect(normalise(inkMask(raster(32, 32, () => [128, 128, 128])))).toBeNull();
    expect(normalise({ mask: new Uint8Array(32 * 32).fill(1), width: 32, height: 32 })).toBeNull();
  });

  it('is unchanged by position and scale: the same square anywhere agrees fully', () => {
    const a = normalise(inkMask(raster(64, 64, (x, y) => (x >= 5 && x < 25 && y >= 5 && y < 25 ? [0, 0, 0] : [255, 255, 255]))))!;
    const b = normalise(inkMask(raster(64, 64, (x, y) => (x >= 20 && x < 60 && y >= 20 && y < 60 ? [0, 0, 0] : [255, 255, 255]))))!;
    expect(shapeAgreement([soften(b)], [soften(a)])).toBeGreaterThan(0.9);
  });

  it('packs silhouettes into 512 bytes each and back, bit for bit', () => {
    const a = normalise(inkMask(raster(50, 40, (x, y) => ((x - 25) ** 2 + (y - 20) ** 2 < 150 ? [0, 0, 0] : [255, 255, 255]))))!;
    const b = a.map((v, i) => (i % 7 === 0 ? 1 - v : v));
    const packed = packSilhouettes([a, b]);
    expect(packed.length).toBe(1024);
    expect(unpackSilhouettes(packed)).toEqual([a, b]);
    expect(() => unpackSilhouettes(packed.subarray(0, 700))).toThrow(/not a multiple/);
  });
});

describe('shape agreement (real logos in synthetic photos)', async () => {
  const marks = {
    dolby: await markPng('dolby', '000000'),
    mqtt: await markPng('mqtt', '660066'),
    github: await markPng('github', '181717'),
    php: await markPng('php', '777BB4'),
  };
  const shapesOf = async (png: Buffer) => (await markSilhouettesOf(png)).map(soften);
  const shapes = Object.fromEntries(await Promise.all(Object.entries(marks).map(async ([k, v]) => [k, await shapesOf(v)] as const)));

  for (const [slug, seed] of [['dolby', 11], ['mqtt', 12]] as const) {
    it(`a tilted ${slug} copy agrees with its own mark and far less with the others`, async () => {
      const photo = await synthPhoto(marks[slug], { angleDeg: 8, markScale: 0.6, seed, clutter: 2 });
      const decoded = (await decodeImage(photo.jpeg)).raster;
      const region = await regionShape(decoded, withMargin(photo.box, decoded.width, decoded.height));
      const own = shapeAgreement(region, shapes[slug]);
      expect(own).toBeGreaterThanOrEqual(0.75);
      for (const other of Object.keys(marks).filter((k) => k !== slug)) {
        expect(shapeAgreement(region, shapes[other])).toBeLessThan(own - 0.2);
      }
    });
  }

  it('agrees on a blurred copy of a flat two-D mark (few corners for local features)', async () => {
    const photo = await synthPhoto(marks.dolby, { angleDeg: 5, markScale: 0.55, seed: 21, blur: 1.2 });
    const decoded = (await decodeImage(photo.jpeg)).raster;
    const region = await regionShape(decoded, withMargin(photo.box, decoded.width, decoded.height));
    expect(shapeAgreement(region, shapes.dolby)).toBeGreaterThanOrEqual(0.75);
  });

  it('reads a recoloured copy (light mark on dark goods) by its outline', async () => {
    const light = await markPng('mqtt', 'F0F0F0');
    const photo = await synthPhoto(light, { angleDeg: -6, markScale: 0.6, seed: 13 });
    const decoded = (await decodeImage(photo.jpeg)).raster;
    const region = await regionShape(decoded, withMargin(photo.box, decoded.width, decoded.height));
    expect(shapeAgreement(region, shapes.mqtt)).toBeGreaterThanOrEqual(0.7);
  });
});
