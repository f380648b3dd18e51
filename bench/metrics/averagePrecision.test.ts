import { describe, expect, it } from 'vitest';
import { averagePrecision, meanAveragePrecision } from './averagePrecision';

const rel = (...ids: string[]) => new Set(ids);

describe('averagePrecision', () => {
  it('is 1 for all relevant marks ranked first', () => {
    expect(averagePrecision(['a', 'b', 'x'], rel('a', 'b'))).toBe(1);
  });

  it('averages precision at each relevant rank (by hand)', () => {
    // relevant at ranks 2 and 4: (1/2 + 2/4) / 2 = 0.5
    expect(averagePrecision(['x', 'a', 'y', 'b'], rel('a', 'b'))).toBe(0.5);
    // one of two relevant found, at rank 1: (1/1) / 2 = 0.5
    expect(averagePrecision(['a', 'x', 'y'], rel('a', 'b'))).toBe(0.5);
    // single relevant at rank 3: 1/3
    expect(averagePrecision(['x', 'y', 'a'], rel('a'))).toBeCloseTo(1 / 3);
  });

  it('divides by what K slots can hold', () => {
    // 3 relevant, K = 2, both slots relevant: (1 + 1) / min(3, 2) = 1
    expect(averagePrecision(['a', 'b'], rel('a', 'b', 'c'), 2)).toBe(1);
  });

  it('is NaN without relevant marks and mAP skips such queries', () => {
    expect(averagePrecision(['a'], rel())).toBeNaN();
    const queries = [
      { ranked: ['a'], relevant: rel('a') }, // 1
      { ranked: ['x', 'b'], relevant: rel('b') }, // 0.5
      { ranked: ['a'], relevant: rel() }, // skipped
    ];
    expect(meanAveragePrecision(queries)).toBe(0.75);
  });
});
