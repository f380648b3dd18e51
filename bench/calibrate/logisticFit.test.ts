import { describe, expect, it } from 'vitest';
import { createRng } from '../lib/prng';
import { fitLogistic } from './logisticFit';

describe('fitLogistic', () => {
  it('recovers the coefficients of a known logistic model', () => {
    const rng = createRng(5);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const a = rng.range(-2, 2);
      const b = rng.range(0, 10);
      const p = 1 / (1 + Math.exp(-(1.5 * a - 0.4 * b + 1)));
      x.push([a, b]);
      y.push(rng.next() < p ? 1 : 0);
    }
    const m = fitLogistic(x, y, 1e-6);
    expect(m.weights[0]).toBeCloseTo(1.5, 0);
    expect(m.weights[1]).toBeCloseTo(-0.4, 1);
    expect(m.bias).toBeCloseTo(1, 0);
  });
});
