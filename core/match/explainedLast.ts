import { iou, type Box } from '../image';

/** Regions overlapping this much (IoU) are one place in the photo (val: 0.5 / 0.3 / 0.1 within a photo of each other). */
const SAME_PLACE = 0.3;

export interface Placed {
  /** the recordal the mark belongs to (null: a mark of no recordal, a recordal of its own) */
  recordalId: string | null;
  markId: string;
  probability: number;
  /** where in the photo the mark was found */
  region: Box | undefined;
}

/**
 * A probability-ranked list with "explained" candidates moved after all others. A place in the photo is
 * explained once a candidate found there reaches `claimAt` (the flag threshold): another recordal's
 * candidate for the same place is then a runner-up for a mark already identified, while a candidate found
 * elsewhere may be another mark on the goods. Marks of the explaining recordal (its other drawings) keep
 * their rank. The first result never moves; each group keeps its order. `explainedBy` names, for each
 * candidate moved, the candidate that identified its place.
 */
export function explainedLast<T extends Placed>(ranked: T[], claimAt: number): { ordered: T[]; explainedBy: Map<T, T> } {
  const claims: T[] = [];
  const kept: T[] = [];
  const explainedBy = new Map<T, T>();
  const recordal = (c: T) => c.recordalId ?? `mark:${c.markId}`;
  for (const c of ranked) {
    const place = c.region;
    const claim = place === undefined ? undefined : claims.find((k) => recordal(k) !== recordal(c) && iou(k.region!, place) >= SAME_PLACE);
    if (claim) explainedBy.set(c, claim);
    else {
      kept.push(c);
      if (place !== undefined && c.probability >= claimAt) claims.push(c);
    }
  }
  return { ordered: [...kept, ...explainedBy.keys()], explainedBy };
}
