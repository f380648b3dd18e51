import { describe, expect, it } from 'vitest';
import { cutRegions } from '../detect';
import { resizeToSquare, type Box, type RasterImage } from '../image';
import { letterboxPlacement, toInputTensor, type PixelSpec } from './preprocess';

const spec: PixelSpec = { resize: 'letterbox', pad: [250, 128, 3], scale: 1 / 255, mean: [0.1, 0.2, 0.3], std: [0.5, 0.25, 2] };

function noise(width: number, height: number, seed: number): RasterImage {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0, s = seed; i < data.length; i++) data[i] = (s = (s * 1103515245 + 12345) & 0x7fffffff) >> 23;
  return { width, height, data };
}

/** sharp's letterbox of the raster, in the model's planes: what every other input goes through. */
async function viaSharp(image: RasterImage, size: number): Promise<Float32Array> {
  const px = await resizeToSquare(image, size, 'contain', spec.pad);
  const out = new Float32Array(3 * size * size);
  for (let c = 0; c < 3; c++) for (let i = 0; i < size * size; i++) out[c * size * size + i] = (px[i * 3 + c] * spec.scale - spec.mean[c]) / spec.std[c];
  return out;
}

describe('toInputTensor', () => {
  it('pads a raster that already fits exactly as sharp letterboxes it (odd margins included)', async () => {
    for (const [w, h] of [[224, 101], [97, 224], [224, 224], [224, 1]]) {
      const image = noise(w, h, w * 1000 + h);
      const got = await toInputTensor(image, spec, 224);
      const want = await viaSharp(image, 224);
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
      expect(worst, `${w}x${h}`).toBeLessThan(1e-5);
    }
  });

  it('letterboxes a region cut to fit as it letterboxes the same box cut out whole (the same pixels from one resample instead of two)', async () => {
    const photo = noise(640, 480, 7);
    for (const box of [[100, 50, 300, 120], [10, 20, 60, 90], [0, 0, 640, 480]] as Box[]) {
      const [fitted] = await cutRegions(photo, [box], 224);
      expect(Math.max(fitted.width, fitted.height)).toBe(224);
      const [x, y, w, h] = box;
      const whole: RasterImage = { width: w, height: h, data: Buffer.alloc(w * h * 3) };
      for (let r = 0; r < h; r++) photo.data.copy(whole.data, r * w * 3, ((y + r) * 640 + x) * 3, ((y + r) * 640 + x + w) * 3);
      const got = await toInputTensor(fitted, spec, 224);
      const want = await viaSharp(whole, 224);
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
      expect(worst, box.join(',')).toBeLessThan(1e-5);
    }
  });
});

describe('letterboxPlacement', () => {
  it("is where sharp's letterbox puts the image (the detector maps its boxes back through it)", async () => {
    for (const [w, h] of [[1280, 853], [999, 333], [333, 999], [777, 555], [256, 255], [3000, 7]]) {
      const black: RasterImage = { width: w, height: h, data: Buffer.alloc(w * h * 3) };
      const px = await resizeToSquare(black, 256, 'contain', [255, 255, 255]);
      const inked = (x: number, y: number) => px[(y * 256 + x) * 3] < 128;
      const rows = [...Array(256).keys()].filter((y) => inked(128, y));
      const cols = [...Array(256).keys()].filter((x) => inked(x, rows[0]));
      const { scale, left, top } = letterboxPlacement(w, h, 256);
      expect({ left, top }, `${w}x${h}`).toEqual({ left: cols[0], top: rows[0] });
      expect(Math.round(w * scale), `${w}x${h}`).toBe(cols.length);
      expect(Math.round(h * scale), `${w}x${h}`).toBe(rows.length);
    }
  });
});
