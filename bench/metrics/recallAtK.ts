// Recall@K for one query: did any relevant mark appear in the first K results? (1 or 0; the
// benchmark averages it over queries, which is the usual "hit rate at K" for retrieval.)
export function hitAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): 0 | 1 {
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i]!)) return 1;
  return 0;
}

/** mean of hitAtK over queries; NaN for no queries so an empty row is visibly empty */
export function recallAtK(queries: readonly { ranked: readonly string[]; relevant: ReadonlySet<string> }[], k: number): number {
  if (queries.length === 0) return NaN;
  return queries.reduce((sum, q) => sum + hitAtK(q.ranked, q.relevant, k), 0) / queries.length;
}
