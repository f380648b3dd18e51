import sharp from 'sharp';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decodeImage';
import { reflatten } from './rasterOps';
import { ImageTooLargeError, ImageUnreadableError } from './errors';
import { logoSvg, photoOf, pngHeaderOnly } from '../../test/helpers/fixtures';
import { tempDir } from '../../test/helpers/tempDir';

const dir = tempDir();

describe('decodeImage', () => {
  it('decodes a JPEG photo to RGB at its size and hashes the bytes', async () => {
    const bytes = await photoOf('nike');
    const d = await decodeImage(bytes);
    expect(d.format).toBe('jpeg');
    expect([d.width, d.height]).toEqual([640, 480]);
    expect(d.raster.data.length).toBe(640 * 480 * 3);
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('decodes every opaque encoding to the same RGB pixels (grey, CMYK, palette, 16-bit, WebP, TIFF)', async () => {
    const colour = { r: 200, g: 30, b: 90 };
    const plain = sharp({ create: { width: 40, height: 30, channels: 3, background: colour } });
    const encoded: [string, Buffer, number[]][] = [
      ['png', await plain.clone().png().toBuffer(), [200, 30, 90]],
      ['palette png', await plain.clone().png({ palette: true }).toBuffer(), [200, 30, 90]],
      ['16-bit png', await plain.clone().toColourspace('rgb16').png().toBuffer(), [200, 30, 90]],
      ['tiff', await plain.clone().tiff({ compression: 'lzw' }).toBuffer(), [200, 30, 90]],
      ['lossless webp', await plain.clone().webp({ lossless: true }).toBuffer(), [200, 30, 90]],
      ['grey jpeg', await plain.clone().greyscale().jpeg({ quality: 100 }).toBuffer(), [105, 105, 105]],
    ];
    for (const [what, bytes, rgb] of encoded) {
      const d = await decodeImage(bytes);
      expect(d.raster.data.length, what).toBe(40 * 30 * 3);
      expect(d.raster.transparency, what).toBeUndefined();
      for (let k = 0; k < 3; k++) expect(Math.abs(d.raster.data[(15 * 40 + 20) * 3 + k] - rgb[k]), what).toBeLessThanOrEqual(1);
    }
    const cmyk = await decodeImage(await plain.clone().toColourspace('cmyk').jpeg({ quality: 100 }).toBuffer());
    expect(cmyk.raster.data.length).toBe(40 * 30 * 3);
    expect(cmyk.raster.data[0]).toBeGreaterThan(150); // red stays red through CMYK
    expect(cmyk.raster.data[1]).toBeLessThan(60);
  });

  it('renders an SVG mark sharply at the size asked for', async () => {
    const d = await decodeImage(Buffer.from(logoSvg('adidas')), 256);
    expect(d.format).toBe('svg');
    expect(Math.max(d.raster.width, d.raster.height)).toBe(256);
  });

  it('puts a white transparent mark on a dark background so it stays visible', async () => {
    const d = await decodeImage(Buffer.from(logoSvg('apple', 'ffffff')), 64);
    const mean = d.raster.data.reduce((s, v) => s + v, 0) / d.raster.data.length;
    expect(mean).toBeLessThan(160);
    expect(Math.max(...d.raster.data)).toBeGreaterThan(200);
  });

  it('keeps alpha for transparent marks, so reflatten matches a fresh flatten on grey', async () => {
    const svg = Buffer.from(logoSvg('spotify'));
    const d = await decodeImage(svg, 96);
    expect(d.raster.transparency?.background).toBe(255);
    const grey = reflatten(d.raster, 127)!;
    const want = await sharp(svg, { density: 72 * (96 / 24) })
      .resize({ width: 96, height: 96, fit: 'inside' })
      .flatten({ background: { r: 127, g: 127, b: 127 } })
      .raw()
      .toBuffer();
    expect(grey.data.length).toBe(want.length);
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(grey.data[i] - want[i]));
    expect(worst).toBeLessThanOrEqual(2);
    // opaque images carry no alpha and have no other view
    const photo = await decodeImage(await photoOf('nike'));
    expect(photo.raster.transparency).toBeUndefined();
    expect(reflatten(photo.raster, 127)).toBeNull();
  });

  it('applies EXIF orientation and reports the turned size', async () => {
    const turned = await sharp(await photoOf('nike')).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const d = await decodeImage(turned);
    expect([d.width, d.height]).toEqual([480, 640]);
    expect([d.raster.width, d.raster.height]).toEqual([480, 640]);
  });

  it('rejects a 0-byte file, a non-image with an image name, and a truncated JPEG by name', async () => {
    const empty = join(dir, 'empty.jpg');
    writeFileSync(empty, '');
    const text = join(dir, 'notes.png');
    writeFileSync(text, 'this is not a picture');
    const full = await photoOf('puma');
    const truncated = join(dir, 'cut.jpg');
    writeFileSync(truncated, full.subarray(0, Math.floor(full.length / 2)));
    for (const p of [empty, text, truncated]) {
      await expect(decodeImage(p)).rejects.toBeInstanceOf(ImageUnreadableError);
    }
    await expect(decodeImage(text)).rejects.toThrow(/notes\.png: not a readable image/);
    await expect(decodeImage(join(dir, 'missing.png'))).rejects.toThrow(/no such file/);
    // a folder dropped or passed by mistake: named, with the reason, not Node's EISDIR text
    await expect(decodeImage(dir)).rejects.toThrow(`${dir}: not a readable image (a folder, not a file)`);
  });

  it('refuses a 30000x30000 PNG before decoding it', async () => {
    const bomb = join(dir, 'bomb.png');
    writeFileSync(bomb, pngHeaderOnly(30000, 30000));
    const started = performance.now();
    await expect(decodeImage(bomb)).rejects.toBeInstanceOf(ImageTooLargeError);
    await expect(decodeImage(bomb)).rejects.toThrow(/30000x30000 px is over/);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
