import { describe, expect, it } from 'vitest';
import { decodeImage } from '../image';
import { photoOf } from '../../test/helpers/fixtures';
import { proposeRegions } from './proposeRegions';
import { iou } from '../image';

describe('proposeRegions', () => {
  it('finds a small mark on a textured surface (IoU >= 0.5 with where it was printed)', async () => {
    for (const [slug, left, top, side] of [['nike', 380, 260, 120], ['starbucks', 60, 40, 150], ['adidas', 250, 180, 90]] as const) {
      const photo = (await decodeImage(await photoOf(slug, { left, top, side }))).raster;
      const boxes = await proposeRegions(photo);
      expect(boxes.length).toBeGreaterThan(0);
      const best = Math.max(...boxes.map((b) => iou(b, [left, top, side, side])));
      expect(best, slug).toBeGreaterThan(0.5);
    }
  });

  it('finds a mark printed on bold diagonal stripes (the stripes themselves are surface, not marks)', async () => {
    for (const [slug, left, top, side] of [['bmw', 300, 200, 150], ['starbucks', 80, 60, 170], ['apple', 420, 260, 130]] as const) {
      const photo = (await decodeImage(await photoOf(slug, { left, top, side, ground: 'stripes', hex: 'e8e4da' }))).raster;
      const boxes = await proposeRegions(photo);
      const best = Math.max(0, ...boxes.map((b) => iou(b, [left, top, side, side])));
      expect(best, slug).toBeGreaterThan(0.5);
    }
  });

  it('cuts a mark free of a thin strap that touches it', async () => {
    for (const [slug, left, top, side] of [['nike', 300, 200, 110], ['starbucks', 80, 60, 120]] as const) {
      const photo = (await decodeImage(await photoOf(slug, { left, top, side, strap: true }))).raster;
      const boxes = await proposeRegions(photo);
      const best = Math.max(0, ...boxes.map((b) => iou(b, [left, top, side, side])));
      expect(best, slug).toBeGreaterThan(0.5);
    }
  });

  it('keeps every box inside the photo, even for a mark touching the edges', async () => {
    for (const [left, top] of [[0, 0], [520, 360], [0, 360]]) {
      const photo = (await decodeImage(await photoOf('starbucks', { left, top, side: 120 }))).raster;
      for (const [x, y, w, h] of await proposeRegions(photo)) {
        expect(Number.isInteger(x) && Number.isInteger(y) && Number.isInteger(w) && Number.isInteger(h)).toBe(true);
        expect(x >= 0 && y >= 0 && x + w <= photo.width && y + h <= photo.height, `${[x, y, w, h]}`).toBe(true);
      }
    }
  });

  it('proposes nothing on a plain surface', async () => {
    const plain = { data: Buffer.alloc(320 * 240 * 3, 180), width: 320, height: 240 };
    expect(await proposeRegions(plain)).toEqual([]);
  });
});
