import { describe, expect, it } from 'vitest';
import { hitAtK, recallAtK } from './recallAtK';

const rel = (...ids: string[]) => new Set(ids);

describe('recallAtK', () => {
  it('hits only when a relevant id is within the first K', () => {
    expect(hitAtK(['a', 'b', 'c'], rel('c'), 2)).toBe(0);
    expect(hitAtK(['a', 'b', 'c'], rel('c'), 3)).toBe(1);
    expect(hitAtK(['a', 'b'], rel('z'), 10)).toBe(0);
    expect(hitAtK([], rel('a'), 1)).toBe(0);
  });

  it('averages over queries', () => {
    const queries = [
      { ranked: ['x', 'a'], relevant: rel('a') }, // R@1 0, R@2 1
      { ranked: ['b', 'y'], relevant: rel('b') }, // R@1 1
      { ranked: ['p', 'q'], relevant: rel('c') }, // never
      { ranked: ['d'], relevant: rel('d', 'e') }, // R@1 1
    ];
    expect(recallAtK(queries, 1)).toBe(0.5);
    expect(recallAtK(queries, 2)).toBe(0.75);
    expect(recallAtK([], 1)).toBeNaN();
  });
});
