import { describe, expect, it } from 'vitest';
import type { RasterImage } from './decodeImage';
import { withoutGround } from './groundRemoval';

/** w x h RGB of diagonal stripes (cream and blue, 8 px), with `paint(x, y)` returning a colour for ink pixels. */
function onStripes(w: number, h: number, paint: (x: number, y: number) => number[] | null): RasterImage {
  const data = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) data.set(paint(x, y) ?? (Math.floor((x + y) / 8) % 2 ? [70, 90, 170] : [235, 228, 200]), (y * w + x) * 3);
  }
  return { data, width: w, height: h };
}
const rgb = (r: RasterImage, x: number, y: number) => [...r.data.subarray((y * r.width + x) * 3, (y * r.width + x) * 3 + 3)];

describe('ground removal of a photo region', () => {
  it('greys the striped ground and keeps a red mark printed on it', () => {
    const mark = (x: number, y: number) => (x >= 30 && x < 70 && y >= 20 && y < 60 ? [200, 30, 40] : null);
    const free = withoutGround(onStripes(100, 80, mark))!;
    expect(free).not.toBeNull();
    expect(rgb(free, 5, 5)).toEqual([128, 128, 128]);
    expect(rgb(free, 90, 70)).toEqual([128, 128, 128]);
    expect(rgb(free, 50, 40)).toEqual([200, 30, 40]);
  });

  it('gives nothing for a region that is all ground, or whose ink is the ground colour', () => {
    expect(withoutGround(onStripes(100, 80, () => null))).toBeNull();
    expect(withoutGround(onStripes(100, 80, (x, y) => (x >= 30 && x < 70 && y >= 20 && y < 60 ? [72, 92, 168] : null)))).toBeNull();
  });
});
