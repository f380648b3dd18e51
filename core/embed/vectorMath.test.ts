import { describe, expect, it } from 'vitest';
import { dot, l2normalize, meanDirection } from './vectorMath';

describe('vectorMath', () => {
  it('dot equals the plain sum for every length, tail included, and honours the offset', () => {
    for (const n of [1, 3, 4, 5, 7, 256, 257]) {
      const a = Float32Array.from({ length: n }, (_, i) => Math.sin(i + 1));
      const b = Float32Array.from({ length: n + 3 }, (_, i) => Math.cos(i));
      let want = 0;
      for (let i = 0; i < n; i++) want += a[i] * b[3 + i];
      expect(dot(a, b, 3)).toBeCloseTo(want, 5);
    }
  });

  it('normalises to unit length, leaves zero alone, and averages directions', () => {
    expect(Array.from(l2normalize(Float32Array.of(3, 4)))).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(Array.from(l2normalize(new Float32Array(2)))).toEqual([0, 0]);
    const m = meanDirection([Float32Array.of(1, 0), Float32Array.of(0, 1)]);
    expect(m[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(m[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });
});
