import type { MatchView, QueryFilters } from '../../api/handlers';
import type { MatchResult } from '../../api/query';
import type { Recordal } from '../../api/recordal';

/** Adds what the grid and the filters need to each engine match (classes, validity). */
export function toMatchViews(results: MatchResult[], recordalOf: (id: string) => Recordal | undefined): MatchView[] {
  return results.map((r) => {
    const rec = r.recordalId ? recordalOf(r.recordalId) : undefined;
    return { ...r, niceClasses: rec?.niceClasses ?? [], validTo: rec?.validTo ?? null };
  });
}

/** Keeps the matches that pass every filter given, re-ranked 1..n. */
export function applyFilters(matches: MatchView[], filters: QueryFilters | undefined, top: number): MatchView[] {
  const holder = filters?.holder?.trim().toLowerCase();
  const kept = matches.filter(
    (m) =>
      (!filters?.niceClass || m.niceClasses.includes(filters.niceClass)) &&
      (!filters?.status || m.status === filters.status) &&
      (!holder || (m.holder ?? '').toLowerCase().includes(holder)),
  );
  return kept.slice(0, top).map((m, i) => ({ ...m, rank: i + 1 }));
}

export function hasFilters(filters: QueryFilters | undefined): boolean {
  return Boolean(filters && (filters.niceClass || filters.status || filters.holder?.trim()));
}
