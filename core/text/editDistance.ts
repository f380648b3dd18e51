/**
 * Pairs that look alike in print (and that counterfeiters swap): substituting one for the other costs
 * half an edit. Keys are sorted pairs.
 */
const LOOK_ALIKE = new Set(
  ['bd', 'pq', 'nu', 'mn', '0o', '1l', 'il', '1i', '5s', 'ce', 'uv', 'vw', 'ao', 'gq', 'hn', 'ij', 'ft', 'co', 'eo', '2z', '8b', 'kx'],
);

export function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  return LOOK_ALIKE.has(a < b ? a + b : b + a) ? 0.5 : 1;
}

/** Weighted Levenshtein distance over arrays of units (characters or syllables). */
export function editDistance<T>(a: readonly T[], b: readonly T[], sub: (x: T, y: T) => number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub(a[i - 1], b[j - 1]));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Distance from `needle` to the best-matching substring of `hay` (free start and end in `hay`):
 * a mark name inside a longer printed line ("Starbucks" in "STARBUCKS COFFEE") costs nothing.
 */
export function substringDistance<T>(needle: readonly T[], hay: readonly T[], sub: (x: T, y: T) => number): number {
  let prev = new Array<number>(hay.length + 1).fill(0);
  for (let i = 1; i <= needle.length; i++) {
    const cur = [i];
    for (let j = 1; j <= hay.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub(needle[i - 1], hay[j - 1]));
    }
    prev = cur;
  }
  return Math.min(...prev);
}

/** 1 - distance / longer length, in [0, 1]. */
export function similarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  if (n === 0) return 0;
  return 1 - editDistance([...a], [...b], substitutionCost) / n;
}
