import { describe, expect, it } from 'vitest';
import { FusionModel, logistic, type CandidateEvidence } from './fusionModel';

const evidence = (over: Partial<CandidateEvidence> = {}): CandidateEvidence => ({
  cosine: 0.8,
  contrast: 0.1,
  window: 0.05,
  margin: 0.04,
  inliers: 12,
  inlierRatio: 0.4,
  verified: true,
  textScore: 0,
  textRead: false,
  ...over,
});

describe('FusionModel', () => {
  const shipped = FusionModel.default();

  it('the shipped fit calibrates the first result with an increasing map of the fitted logit', () => {
    const top = shipped.coefficients.topCalibration!;
    expect(top.slope).toBeGreaterThan(0);
    const e = evidence();
    expect(shipped.probability(e)).toBeCloseTo(logistic(top.slope * shipped.logit(e) + top.intercept), 12);
  });

  it('more similarity, geometry or text never lowers the probability', () => {
    const base = shipped.probability(evidence());
    expect(shipped.probability(evidence({ cosine: 0.9 }))).toBeGreaterThan(base);
    expect(shipped.probability(evidence({ inliers: 80, inlierRatio: 0.8 }))).toBeGreaterThan(base);
    expect(shipped.probability(evidence({ verified: false, inliers: 0, inlierRatio: 0 }))).toBeLessThan(base);
    expect(shipped.probability(evidence({ textScore: 1, textRead: true }))).toBeGreaterThanOrEqual(shipped.probability(evidence({ textRead: true })));
  });

  it('counts a name read, not the partial likeness every candidate has to some read line', () => {
    const nothing = shipped.probability(evidence({ textRead: true }));
    expect(shipped.probability(evidence({ textScore: 0.5, textRead: true }))).toBe(nothing);
    expect(shipped.probability(evidence({ textScore: 0.79, textRead: true }))).toBe(nothing);
    const read = shipped.probability(evidence({ textScore: 1, textRead: true }));
    expect(read).toBeGreaterThan(nothing);
    expect(shipped.probability(evidence({ textScore: 0.9, textRead: true }))).toBeGreaterThan(nothing);
    expect(shipped.probability(evidence({ textScore: 0.9, textRead: true }))).toBeLessThan(read);
  });

  it('a file without the calibration uses the fitted logit as it is', () => {
    const { topCalibration: _, ...plain } = shipped.coefficients;
    const model = new FusionModel(plain);
    const e = evidence({ cosine: 0.7 });
    expect(model.probability(e)).toBeCloseTo(logistic(model.logit(e)), 12);
    expect(model.probability(e)).not.toBeCloseTo(shipped.probability(e), 3);
  });
});
