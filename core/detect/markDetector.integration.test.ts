import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { logoSvg } from '../../test/helpers/fixtures';
import { synthPhoto } from '../../test/helpers/synthPhoto';
import { decodeImage, iou, withMargin, type Box } from '../image';
import { holdsMark } from './holdsMark';
import { MarkDetector } from './markDetector';
import { REGION_MARGIN } from './proposeRegions';

describe('MarkDetector (the real model)', async () => {
  const detector = (await MarkDetector.load())!;

  it('finds a small, tilted mark among bars and blocks: one of its boxes lies on the mark', async () => {
    for (const [slug, seed] of [['puma', 5], ['spotify', 8], ['starbucks', 13]] as const) {
      const mark = await sharp(Buffer.from(logoSvg(slug, '202020')), { density: 600 }).resize(256, 256, { fit: 'inside' }).png().toBuffer();
      const photo = await synthPhoto(mark, { width: 800, height: 600, markScale: 0.22, angleDeg: 12, perspective: 0.1, seed });
      const { raster, width } = await decodeImage(photo.jpeg);
      const truth = photo.box.map((v) => (v * raster.width) / width) as Box;
      const found = await detector.detect(raster);
      const onMark = found.find((f) => iou(f.box, truth) > 0.5);
      expect(onMark?.score).toBeGreaterThan(0.3);
      // with the region margin the query adds, the region holds the mark
      expect(holdsMark(withMargin(onMark!.box, REGION_MARGIN), truth)).toBe(true);
    }
  });

  it('finds nothing on a bare surface', async () => {
    const bare = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 196, g: 180, b: 150 } } }).jpeg().toBuffer();
    expect(await detector.detect((await decodeImage(bare)).raster)).toEqual([]);
  });

  it('maps boxes back through the letterbox: the same mark in a tall and a wide photo', async () => {
    const mark = await sharp(Buffer.from(logoSvg('github', '111111')), { density: 600 }).resize(200, 200).png().toBuffer();
    for (const [w, h, left, top] of [[900, 400, 600, 120], [400, 900, 120, 600]]) {
      const photo = await sharp({ create: { width: w, height: h, channels: 3, background: { r: 235, g: 235, b: 235 } } })
        .composite([{ input: mark, left, top }])
        .png()
        .toBuffer();
      const [best] = await detector.detect((await decodeImage(photo)).raster);
      expect(iou(best.box, [left, top, 200, 200])).toBeGreaterThan(0.5);
    }
  });
});
