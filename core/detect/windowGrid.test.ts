import { describe, expect, it } from 'vitest';
import { windowGrid } from './windowGrid';

describe('windowGrid', () => {
  it('covers a 640x480 photo with 240 px windows, half a window apart, flush with the edges', () => {
    const boxes = windowGrid(640, 480);
    expect(boxes.every(([, , w, h]) => w === 240 && h === 240)).toBe(true);
    expect([...new Set(boxes.map((b) => b[0]))]).toEqual([0, 120, 240, 360, 400]);
    expect([...new Set(boxes.map((b) => b[1]))]).toEqual([0, 120, 240]);
    expect(boxes).toHaveLength(15);
    // every pixel is inside some window
    for (const [px, py] of [[0, 0], [639, 479], [320, 240], [639, 0]]) {
      expect(boxes.some(([x, y, w, h]) => px >= x && px < x + w && py >= y && py < y + h)).toBe(true);
    }
  });

  it('gives one window for a square photo at fraction 1, and none on a strip (over 4:1) or a tiny photo', () => {
    expect(windowGrid(300, 300, 1)).toEqual([[0, 0, 300, 300]]);
    expect(windowGrid(64, 64)).toEqual([[0, 0, 32, 32], [16, 0, 32, 32], [32, 0, 32, 32], [0, 16, 32, 32], [16, 16, 32, 32], [32, 16, 32, 32], [0, 32, 32, 32], [16, 32, 32, 32], [32, 32, 32, 32]]);
    expect(windowGrid(1280, 60)).toEqual([]);
    expect(windowGrid(1280, 300)).toEqual([]);
    expect(windowGrid(1200, 300)).toHaveLength(3 * 15);
    expect(windowGrid(3, 2)).toEqual([]);
  });
});
