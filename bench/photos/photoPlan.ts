// What one simulated inspection photo contains, sampled per kind. Every sub-condition that makes a
// photo hard is written to `tags`, so results can be broken down by condition later.
import type { Rng } from '../lib/prng';
import { SURFACES, type Surface } from './backgrounds';
import type { Finish } from './finishPhoto';
import type { Recolour } from './markLayer';

export const KINDS = ['easy', 'hard', 'redrawn', 'negative'] as const;
export type Kind = (typeof KINDS)[number];

export interface PlannedMark {
  svg: string;
  markId: string | null;
  brand: string | null;
  /** the mark's longer side as a fraction of the frame's shorter side */
  sizeFrac: number;
  angleDeg: number;
  perspective: number;
  recolour: Recolour;
}

export interface PhotoPlan {
  kind: Kind;
  width: number;
  height: number;
  surface: Surface;
  subject: PlannedMark;
  clutter: PlannedMark[];
  /** fraction of the subject's box covered, 0 = none */
  occlusion: number;
  finish: Finish;
  tags: string[];
}

export interface Subject {
  svg: string;
  markId: string | null;
  brand: string | null;
}

/** 4:3 dominates phone photos; some portrait and square frames keep the engine honest */
const FRAMES: [number, number][] = [[640, 480], [640, 480], [480, 640], [800, 600], [600, 600], [720, 480]];

function base(rng: Rng, kind: Kind, subject: Subject): PhotoPlan {
  const [width, height] = rng.pick(FRAMES);
  return {
    kind,
    width,
    height,
    surface: rng.pick(SURFACES),
    subject: { ...subject, sizeFrac: 0.5, angleDeg: 0, perspective: 0, recolour: 'none' },
    clutter: [],
    occlusion: 0,
    finish: { blurSigma: 0, noiseSigma: 0, lighting: [1, 1], jpegQuality: 90 },
    tags: [],
  };
}

/** a clean, well-framed photo: large mark, mild rotation, mild camera artefacts */
export function planEasy(rng: Rng, kind: Kind, subject: Subject): PhotoPlan {
  const plan = base(rng, kind, subject);
  plan.subject.sizeFrac = rng.range(0.3, 0.8);
  plan.subject.angleDeg = rng.range(-10, 10);
  plan.finish = {
    blurSigma: rng.range(0, 1.0),
    noiseSigma: rng.range(0, 4),
    lighting: [rng.range(0.88, 1), rng.range(1, 1.06)],
    jpegQuality: rng.int(70, 95),
  };
  return plan;
}

const RECOLOURS: Recolour[] = ['single-colour', 'inverted', 'low-contrast', 'embossed'];
const HARD_CONDITIONS = ['perspective', 'blur', 'noise', 'low-jpeg', 'lighting', 'occlusion', 'recolour', 'clutter'] as const;

/**
 * A small mark plus a random subset (at least two) of the hard conditions. `pickClutter` supplies
 * other marks (for gallery subjects: other brands; for negatives: other unknown marks).
 */
export function planHard(rng: Rng, kind: Kind, subject: Subject, pickClutter: (n: number) => Subject[]): PhotoPlan {
  const plan = base(rng, kind, subject);
  let on = HARD_CONDITIONS.filter(() => rng.chance(0.45));
  while (on.length < 2) on = [...new Set([...on, rng.pick(HARD_CONDITIONS)])];
  const has = (c: (typeof HARD_CONDITIONS)[number]) => on.includes(c);
  plan.subject.sizeFrac = rng.range(0.1, 0.25);
  plan.subject.angleDeg = rng.range(-25, 25);
  plan.tags.push('small');
  if (has('perspective')) plan.subject.perspective = rng.range(0.2, 0.45);
  plan.finish = {
    blurSigma: has('blur') ? rng.range(1.2, 2.5) : rng.range(0, 0.8),
    noiseSigma: has('noise') ? rng.range(8, 20) : rng.range(0, 4),
    lighting: has('lighting') ? [rng.range(0.3, 0.55), rng.range(1, 1.2)] : [rng.range(0.9, 1), 1],
    jpegQuality: has('low-jpeg') ? rng.int(15, 40) : rng.int(70, 92),
  };
  if (has('occlusion')) plan.occlusion = rng.range(0.15, 0.35);
  if (has('recolour')) {
    plan.subject.recolour = rng.pick(RECOLOURS);
    plan.tags.push(plan.subject.recolour);
  }
  if (has('clutter')) {
    plan.clutter = pickClutter(rng.int(1, 3)).map((s) => ({
      ...s,
      sizeFrac: rng.range(0.1, 0.3),
      angleDeg: rng.range(-20, 20),
      perspective: has('perspective') ? rng.range(0, 0.3) : 0,
      recolour: 'none',
    }));
  }
  plan.tags.push(...on.filter((c) => c !== 'recolour'));
  return plan;
}
