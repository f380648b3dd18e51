import { describe, expect, it } from 'vitest';
import { photoOf } from '../../test/helpers/fixtures';
import { clampBox, decodeImage, iou, withMargin, type Box } from '../image';
import { MarkDetector } from './markDetector';
import { REGION_MARGIN } from './proposeRegions';
import { queryRegions } from './queryRegions';

describe('queryRegions with the mark detector (the real model)', async () => {
  const detector = (await MarkDetector.load())!;

  it('searches the whole photo, then each detected mark with the region margin, then proposals that add a place', async () => {
    const photo = (await decodeImage(await photoOf('starbucks', { left: 380, top: 260, side: 120 }))).raster;
    const detected = await detector.detect(photo);
    expect(detected.length).toBeGreaterThan(0);
    const boxes = await queryRegions(photo, { detector });
    expect(boxes[0]).toEqual([0, 0, photo.width, photo.height]);
    expect(boxes[1]).toEqual(clampBox(withMargin(detected[0].box, REGION_MARGIN), photo.width, photo.height));
    expect(Math.max(...boxes.slice(1).map((b) => iou(b, withMargin([380, 260, 120, 120], REGION_MARGIN) as Box)))).toBeGreaterThan(0.5);
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(iou(a, b)).toBeLessThanOrEqual(0.7);
    // the proposals alone, and nothing but the photo without regions
    expect(await queryRegions(photo, { regions: false, detector })).toEqual([boxes[0]]);
    expect((await queryRegions(photo)).length).toBeGreaterThan(1);
  });
});
