// Per-group figures for the results table.
import { meanAveragePrecision, percentile, recallAtK } from '../metrics';
import type { QueryRecord } from './queryRecord';

export interface GroupSummary {
  group: string;
  count: number;
  /** queries where the engine threw (counted as misses) */
  errors: number;
  /** NaN for groups without relevant marks (negatives) */
  r1: number;
  r10: number;
  mAP: number;
  latencyP50: number;
  latencyP95: number;
  /** top-1 score distribution: on negatives this is what a flag threshold must sit above */
  topScoreP50: number;
  topScoreP95: number;
}

export function summarise(group: string, records: readonly QueryRecord[]): GroupSummary {
  const scored = records.filter((r) => r.relevant.length > 0).map((r) => ({ ranked: r.ranked, relevant: new Set(r.relevant) }));
  const wall = records.filter((r) => !r.error).map((r) => r.wallMs);
  const top = records.map((r) => r.topScore).filter((s): s is number => s !== null);
  return {
    group,
    count: records.length,
    errors: records.filter((r) => r.error).length,
    r1: recallAtK(scored, 1),
    r10: recallAtK(scored, 10),
    mAP: meanAveragePrecision(scored, 10),
    latencyP50: percentile(wall, 50),
    latencyP95: percentile(wall, 95),
    topScoreP50: percentile(top, 50),
    topScoreP95: percentile(top, 95),
  };
}

/** one summary per group, in first-seen order, plus "all" */
export function summariseByGroup(records: readonly QueryRecord[]): GroupSummary[] {
  const groups = [...new Set(records.map((r) => r.group))];
  return [...groups.map((g) => summarise(g, records.filter((r) => r.group === g))), summarise('all', records)];
}
