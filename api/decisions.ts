/** Decisions an inspector records against one match of one query. The case issue builds on these. */

export const DECISIONS = ['suspected_infringement', 'not_infringing', 'needs_confirmation'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface DecisionRecord {
  id: number;
  queryId: number;
  markId: string;
  recordalId: string | null;
  decision: Decision;
  note: string | null;
  decidedAt: string;
}
