import { describe, expect, it } from 'vitest';
import { applyHomography } from './matchFeatures';
import { ransacHomography } from './ransacHomography';

/** A tilted, shrunk, shifted view, as a photographed mark gives. */
const TRUE_H = [0.62, -0.18, 140, 0.21, 0.55, 80, 0.0004, -0.0002, 1];

function pairs(inliers: number, outliers: number): { from: number[]; to: number[] } {
  let seed = 99;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < inliers + outliers; i++) {
    const x = rand() * 320;
    const y = rand() * 320;
    const [u, v] = i < inliers ? applyHomography(TRUE_H, x, y) : [rand() * 800, rand() * 600];
    from.push(x, y);
    to.push(u, v);
  }
  return { from, to };
}

describe('RANSAC homography', () => {
  it('recovers the view from 40 true pairs among 60 false ones', () => {
    const { from, to } = pairs(40, 60);
    const found = ransacHomography(from, to, { threshold: 2 })!;
    expect(found.inliers).toBeGreaterThanOrEqual(40);
    expect(found.inliers).toBeLessThanOrEqual(42); // a false pair may land within 2 px by chance
    for (const [x, y] of [[0, 0], [320, 0], [320, 320], [0, 320]]) {
      const [u, v] = applyHomography(found.h, x, y);
      const [tu, tv] = applyHomography(TRUE_H, x, y);
      expect(Math.hypot(u - tu, v - tv)).toBeLessThan(0.5);
    }
  });

  it('finds nothing in pairs with no common view', () => {
    const { from, to } = pairs(0, 60);
    const found = ransacHomography(from, to, { threshold: 2 });
    expect(found === null || found.inliers < 8).toBe(true);
  });

  it('refuses fewer than four pairs and points all on one line', () => {
    expect(ransacHomography([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2], { threshold: 1 })).toBeNull();
    const line = Array.from({ length: 20 }, (_, i) => [i * 10, i * 5]).flat();
    expect(ransacHomography(line, line, { threshold: 1 })).toBeNull();
  });
});
