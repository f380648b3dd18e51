import { describe, expect, it } from 'vitest';
import type { Box } from '../image';
import { explainedLast } from './explainedLast';

const at = (markId: string, recordalId: string | null, probability: number, region: Box | undefined) => ({ markId, recordalId, probability, region });
const ids = (r: { ordered: { markId: string }[] }) => r.ordered.map((c) => c.markId);
const LOGO: Box = [100, 100, 80, 80];
const NEAR_LOGO: Box = [110, 105, 80, 85];
const ELSEWHERE: Box = [400, 300, 60, 60];

describe('explainedLast', () => {
  it('a confidently identified place sends other recordals found there after a mark found elsewhere', () => {
    const ranked = [at('clutter', 'r1', 0.95, LOGO), at('lookalike', 'r2', 0.39, NEAR_LOGO), at('subject', 'r3', 0.17, ELSEWHERE)];
    const r = explainedLast(ranked, 0.54);
    expect(ids(r)).toEqual(['clutter', 'subject', 'lookalike']);
    expect([...r.explainedBy].map(([c, by]) => [c.markId, by.markId])).toEqual([['lookalike', 'clutter']]);
  });

  it("the explaining recordal's other drawings keep their rank", () => {
    const ranked = [at('drawing-a', 'r1', 0.9, LOGO), at('lookalike', 'r2', 0.4, LOGO), at('drawing-b', 'r1', 0.3, NEAR_LOGO)];
    expect(ids(explainedLast(ranked, 0.54))).toEqual(['drawing-a', 'drawing-b', 'lookalike']);
  });

  it('nothing moves while no place is identified with confidence, and the first result never moves', () => {
    const ranked = [at('a', 'r1', 0.5, LOGO), at('b', 'r2', 0.45, LOGO), at('c', 'r3', 0.2, ELSEWHERE)];
    expect(ids(explainedLast(ranked, 0.54))).toEqual(['a', 'b', 'c']);
    const confident = [at('a', 'r1', 0.97, LOGO), at('b', 'r2', 0.96, LOGO), at('c', null, 0.2, undefined)];
    expect(ids(explainedLast(confident, 0.54))).toEqual(['a', 'c', 'b']);
  });

  it('marks of no recordal are told apart by their mark id', () => {
    const ranked = [at('x', null, 0.9, LOGO), at('y', null, 0.6, LOGO), at('z', 'r9', 0.1, ELSEWHERE)];
    expect(ids(explainedLast(ranked, 0.54))).toEqual(['x', 'z', 'y']);
  });
});
