import { describe, expect, it } from 'vitest';
import type { Box } from '../image';
import { textRegions } from './textRegions';

describe('text-line regions', () => {
  it('grows the two largest lines by a quarter of their length, inside the photo', () => {
    const lines: Box[] = [
      [100, 100, 40, 20], // third largest: left out
      [300, 50, 120, 30],
      [0, 400, 80, 24],
    ];
    expect(textRegions(lines, [[0, 0, 640, 480]], 640, 480)).toEqual([
      [270, 20, 180, 90],
      [0, 380, 100, 64], // clamped at the left edge
    ]);
  });

  it('skips lines too small to show a mark and lines a searched region already covers', () => {
    const searched: Box[] = [[0, 0, 640, 480], [290, 40, 150, 60]];
    const lines: Box[] = [
      [300, 50, 120, 30], // inside the proposal
      [10, 10, 12, 8], // too small
      [500, 300, 60, 20],
    ];
    expect(textRegions(lines, searched, 640, 480)).toEqual([[485, 285, 90, 50]]);
  });
});
