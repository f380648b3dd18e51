import { describe, expect, it } from 'vitest';
import { applyHomography, homographyFromPoints, type Point } from './homography';

describe('homographyFromPoints', () => {
  it('is the identity for identical corners', () => {
    const sq: Point[] = [[0, 0], [10, 0], [10, 10], [0, 10]];
    const h = homographyFromPoints(sq, sq);
    expect(applyHomography(h, [3, 7])[0]).toBeCloseTo(3);
    expect(applyHomography(h, [3, 7])[1]).toBeCloseTo(7);
  });

  it('maps the four corners exactly, including a perspective quad', () => {
    const from: Point[] = [[0, 0], [100, 0], [100, 50], [0, 50]];
    const to: Point[] = [[10, 5], [90, 12], [80, 60], [15, 55]];
    const h = homographyFromPoints(from, to);
    for (let i = 0; i < 4; i++) {
      const [u, v] = applyHomography(h, from[i]!);
      expect(u).toBeCloseTo(to[i]![0], 6);
      expect(v).toBeCloseTo(to[i]![1], 6);
    }
  });
});
