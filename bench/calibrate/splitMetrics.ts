// Metrics of one split under one fusion model: R@1 by kind with and without the fused re-ranking,
// the flag's precision / recall / false-flag rate, and the evidence latency.
import type { FusionModel } from '../../core/match';
import { percentile } from '../metrics';
import type { PhotoEvidence } from './collectEvidence';

export interface FlagMetrics {
  precision: number;
  recall: number;
  falseFlagRate: number;
  flagged: number;
  correct: number;
  threshold: number;
}

export interface SplitMetrics {
  photos: number;
  r1: Record<'easy' | 'hard' | 'redrawn', { embedding: number; fused: number }>;
  flag: FlagMetrics;
  latency: Record<'verifyP50' | 'verifyP95' | 'ocrP50' | 'ocrP95' | 'evidenceP50' | 'evidenceP95' | 'totalP50' | 'cpuP50', number>;
}

const r3 = (v: number) => Math.round(v * 1000) / 1000;

export function topCandidate(p: PhotoEvidence, model: FusionModel, key: 'embedding' | 'fused') {
  const hidden = new Set(p.hidden);
  const cands = p.candidates
    .filter((c) => !hidden.has(c.markId))
    .map((c) => ({ c, prob: model.probability({ ...c, textRead: p.textRead }) }));
  cands.sort((a, b) => (key === 'embedding' ? b.c.cosine - a.c.cosine : b.prob - a.prob || b.c.cosine - a.c.cosine));
  return cands[0];
}

/** The flag (on the fused first result) at `threshold`: precision over all flags, recall over easy + hard copies, flags on negatives. */
export function flagMetrics(set: PhotoEvidence[], model: FusionModel, threshold = model.threshold): FlagMetrics {
  const byKind = (k: string) => set.filter((p) => p.kind === k);
  let flagged = 0;
  let correct = 0;
  let negFlags = 0;
  const copies = [...byKind('easy'), ...byKind('hard')];
  for (const p of [...copies, ...byKind('negative')]) {
    const t = topCandidate(p, model, 'fused');
    if (!t || t.prob < threshold) continue;
    flagged++;
    if (p.relevant.includes(t.c.markId)) correct++;
    if (p.kind === 'negative') negFlags++;
  }
  return {
    precision: flagged ? r3(correct / flagged) : NaN,
    recall: copies.length ? r3(correct / copies.length) : NaN,
    falseFlagRate: byKind('negative').length ? r3(negFlags / byKind('negative').length) : NaN,
    flagged,
    correct,
    threshold,
  };
}

export function metricsFor(set: PhotoEvidence[], model: FusionModel): SplitMetrics {
  const byKind = (k: string) => set.filter((p) => p.kind === k);
  const top = (p: PhotoEvidence, key: 'embedding' | 'fused') => topCandidate(p, model, key);
  const r1 = (k: string, key: 'embedding' | 'fused') => {
    const ps = byKind(k);
    if (!ps.length) return NaN;
    return r3(ps.filter((p) => p.relevant.includes(top(p, key)?.c.markId ?? '')).length / ps.length);
  };
  const lat = (f: (p: PhotoEvidence) => number, q: number) => Math.round(percentile(set.map(f), q));
  return {
    photos: set.length,
    r1: {
      easy: { embedding: r1('easy', 'embedding'), fused: r1('easy', 'fused') },
      hard: { embedding: r1('hard', 'embedding'), fused: r1('hard', 'fused') },
      redrawn: { embedding: r1('redrawn', 'embedding'), fused: r1('redrawn', 'fused') },
    },
    flag: flagMetrics(set, model),
    latency: {
      verifyP50: lat((p) => p.verifyMs, 50),
      verifyP95: lat((p) => p.verifyMs, 95),
      ocrP50: lat((p) => p.ocrMs, 50),
      ocrP95: lat((p) => p.ocrMs, 95),
      evidenceP50: lat((p) => Math.max(p.verifyMs, p.ocrMs), 50),
      evidenceP95: lat((p) => Math.max(p.verifyMs, p.ocrMs), 95),
      totalP50: lat((p) => p.totalMs, 50),
      cpuP50: lat((p) => p.cpuMs, 50),
    },
  };
}
