import { describe, expect, it } from 'vitest';
import { orientedFromRect, writeTensor } from './tensorFromRaster';

const MEAN = [0.406, 0.456, 0.485] as const;
const STD = [0.225, 0.224, 0.229] as const;

describe('writeTensor', () => {
  // level regions take a precomputed path; a region tilted by a hair takes the general one and must agree
  it('samples a level region as the general (tilted) path does', () => {
    const [iw, ih] = [97, 61];
    const data = Buffer.alloc(iw * ih * 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919 + (i >> 5) * 31) % 256;
    const image = { data, width: iw, height: ih };
    for (const rect of [[0, 0, iw, ih], [10.5, 4, 40, 21], [60, 30, 37, 31]] as [number, number, number, number][]) {
      const level = orientedFromRect(rect);
      const [w, h] = [64, 32];
      const a = new Float32Array(3 * w * h);
      const b = new Float32Array(3 * w * h);
      writeTensor(image, level, w, h, a, 0, w, h, MEAN, STD);
      writeTensor(image, { ...level, angle: 1e-12 }, w, h, b, 0, w, h, MEAN, STD);
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
      expect(worst).toBeLessThan(1e-4);
      // R lands in plane 2 (BGR): the first pixel's red, normalised
      expect(a[2 * w * h]).not.toBe(a[0]);
    }
  });
});
