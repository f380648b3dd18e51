// Val/test separation: different seeds AND different brands, so a setting tuned on val has never
// seen a test subject. Split by brand, not by mark id, so two drawings of one brand (the redrawn
// pairs) can never straddle the split.
import { hashString } from '../lib/prng';

export const SPLITS = ['val', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/** about 30% of brands are validation subjects, the rest test */
export function splitOfBrand(brand: string): Split {
  return hashString(`marksight-split:${brand}`) % 10 < 3 ? 'val' : 'test';
}

/** the generator seed for a split: the same --seed gives unrelated streams for val and test */
export function splitSeed(split: Split, seed: number): number {
  return hashString(`marksight-photos:${split}:${seed}`);
}
