import { describe, expect, it } from 'vitest';
import { splitOfBrand, splitSeed } from './split';

describe('splits', () => {
  it('puts each brand in exactly one split, about 30% in val', () => {
    const brands = Array.from({ length: 2000 }, (_, i) => `brand${i}`);
    const val = brands.filter((b) => splitOfBrand(b) === 'val').length;
    expect(val / brands.length).toBeGreaterThan(0.25);
    expect(val / brands.length).toBeLessThan(0.35);
    expect(splitOfBrand('google')).toBe(splitOfBrand('google'));
  });

  it('gives val and test different seeds for the same --seed', () => {
    expect(splitSeed('val', 1)).not.toBe(splitSeed('test', 1));
  });
});
