import { describe, expect, it } from 'vitest';
import { inspectorRegions } from './queryRegions';

describe('inspectorRegions', () => {
  it('searches a tight crop as drawn and grown by the region margin (12 % of its longer side each way)', () => {
    expect(inspectorRegions([100, 100, 100, 50], 640, 480)).toEqual([
      [100, 100, 100, 50],
      [88, 88, 124, 74],
    ]);
  });

  it('clamps the grown box to the photo, and keeps the crop alone when growing adds next to nothing', () => {
    expect(inspectorRegions([0, 10, 200, 100], 640, 480)).toEqual([
      [0, 10, 200, 100],
      [0, 0, 224, 134],
    ]);
    expect(inspectorRegions([0, 0, 640, 480], 640, 480)).toEqual([[0, 0, 640, 480]]);
    expect(inspectorRegions([2, 2, 636, 476], 640, 480)).toEqual([[2, 2, 636, 476]]);
  });
});
