// Average precision over a truncated ranking (the engine returns the top K only). Precision is
// taken at each relevant rank and divided by min(|relevant|, K): the best score reachable
// in K slots, so a perfect top-K scores 1 even when a brand has more drawings than K.
export function averagePrecision(ranked: readonly string[], relevant: ReadonlySet<string>, k = ranked.length): number {
  const depth = Math.min(k, ranked.length);
  const reachable = Math.min(relevant.size, k);
  if (reachable === 0) return NaN;
  let hits = 0;
  let sum = 0;
  for (let i = 0; i < depth; i++) {
    if (relevant.has(ranked[i]!)) {
      hits++;
      sum += hits / (i + 1);
    }
  }
  return sum / reachable;
}

export function meanAveragePrecision(queries: readonly { ranked: readonly string[]; relevant: ReadonlySet<string> }[], k?: number): number {
  const aps = queries.map((q) => averagePrecision(q.ranked, q.relevant, k)).filter((v) => !Number.isNaN(v));
  return aps.length ? aps.reduce((a, b) => a + b, 0) / aps.length : NaN;
}
