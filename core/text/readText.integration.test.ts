import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../image';
import { detectText } from './detectText';
import { PHOTO_DETECT, readText } from './readText';

/** A photo-like JPEG with one word printed on a tinted surface next to a dark block. */
async function printed(text: string, degrees = 0): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <rect width="100%" height="100%" fill="#d8cfb8"/><rect x="40" y="420" width="220" height="70" fill="#445"/>
    <text x="420" y="300" transform="rotate(${degrees} 420 270)" font-family="sans-serif" font-size="90" font-weight="bold" text-anchor="middle" fill="#1a1a1a">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

describe('readText (PP-OCRv4 det + rec ONNX)', () => {
  for (const word of ['ADIDAS', '耐克']) {
    it(`reads '${word}' printed in a photo, with its box`, async () => {
      const raster = (await decodeImage(await printed(word))).raster;
      const reading = await readText(raster);
      expect(reading.lines.map((l) => l.text)).toContain(word);
      const line = reading.lines.find((l) => l.text === word)!;
      const [x, y, w, h] = line.rect;
      expect(x + w / 2).toBeGreaterThan(300);
      expect(x + w / 2).toBeLessThan(540);
      expect(y).toBeLessThan(300);
      expect(y + h).toBeGreaterThan(240);
    });
  }

  for (const degrees of [-30, 20, 35]) {
    it(`reads a word printed at ${degrees} degrees (the line is cut along its own axis)`, async () => {
      const raster = (await decodeImage(await printed('TRADEMARK', degrees))).raster;
      const reading = await readText(raster);
      expect(reading.lines.map((l) => l.text)).toContain('TRADEMARK');
    });
  }

  it('reads nothing on a blank surface', async () => {
    const blank = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c8c0b0' } }).jpeg().toBuffer();
    expect((await readText((await decodeImage(blank)).raster)).lines).toEqual([]);
  });

  it('reads the lines a query detected before its embedding as it reads them itself, without detecting again', async () => {
    const raster = (await decodeImage(await printed('ADIDAS', 20))).raster;
    const detected = await detectText(raster, PHOTO_DETECT);
    const reused = await readText(raster, PHOTO_DETECT, detected);
    expect(reused.lines.map((l) => l.text)).toContain('ADIDAS');
    expect(reused).toMatchObject({ detectMs: expect.any(Number), lines: (await readText(raster, PHOTO_DETECT)).lines });
    expect(reused.detectMs).toBeLessThan(5); // nothing detected twice (detection takes ~25 ms)
  });
});
