import { describe, expect, it } from 'vitest';
import { withMargin } from '../image';
import { REGION_MARGIN } from './proposeRegions';
import { widerViews } from './queryRegions';

describe('widerViews', () => {
  it('sees the first two places after the whole photo with a 30 % margin round the mark, and no other place', () => {
    const mark = [200, 100, 100, 50] as const;
    const places = [[0, 0, 640, 480], withMargin([...mark], REGION_MARGIN), [20, 20, 50, 50], [400, 300, 60, 60]];
    const views = widerViews(places as [number, number, number, number][], 640, 480);
    expect(views.map((v) => v.place)).toEqual([1, 2]);
    // the mark's own 100 px side x 0.3 each way
    [170, 70, 160, 110].forEach((v, i) => expect(views[0].box[i]).toBeCloseTo(v, 6));
  });

  it('clamps a view to the photo and has none without places', () => {
    const [view] = widerViews([[0, 0, 640, 480], [0, 0, 100, 100]], 640, 480);
    expect(view.box[0]).toBe(0);
    expect(view.box[1]).toBe(0);
    expect(view.box[2]).toBeLessThan(640);
    expect(widerViews([[0, 0, 640, 480]], 640, 480)).toEqual([]);
  });
});
