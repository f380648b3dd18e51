import coefficients from './fusion-coefficients.json';
import { NAME_MATCH_MIN } from './nameIndex';

/** The evidence one candidate carries into the fusion, in the order of FUSION_FEATURES. */
export interface CandidateEvidence {
  cosine: number;
  /** cosine minus its region's typical top cosine and the image's hubness penalty (RegionScores) */
  contrast: number;
  /** the same in the photo's window grid */
  window: number;
  margin: number;
  inliers: number;
  inlierRatio: number;
  verified: boolean;
  textScore: number;
  textRead: boolean;
}

/**
 * `nameRead` is how far the text match is above NAME_MATCH_MIN (0 below it, 1 for the name read exactly). The raw
 * text score was a feature before: a linear weight on it rewarded the partial likeness every candidate has to some
 * read line (0.3-0.5) as much as it rewarded the name itself, so its fitted weight stayed small (2.6) and a mark
 * whose name was read plainly beside another drawing of it stayed at rank 17-94 (real photos: adidas, intel).
 * Refitted (`39c9eb`; the fit in use is named in fusion-coefficients.json), `npm run bench`: real photos R@1 0.363 -> 0.505, redrawn 0.705 -> 0.750 (docs/benchmark-history.md).
 *
 * `lead` is how far the candidate's contrast is ahead of every other image's (0 below rank 1): a signed
 * margin let the fit reward candidates far *behind* the top (text-found wordmarks), which made a mark
 * queried by itself lose to the runner-up.
 */
export const FUSION_FEATURES = ['cosine', 'contrast', 'window', 'lead', 'logInliers', 'inlierRatio', 'verified', 'nameRead', 'textRead'] as const;

export interface FusionCoefficients {
  version: string;
  /** The embedding model the cosines came from: coefficients fitted for another model are stale. */
  modelId: string | null;
  fittedOn: string;
  features: string[];
  weights: number[];
  bias: number;
  /**
   * Platt scaling of the fitted logit, fitted on each calibration photo's first result. The rows the
   * weights are fitted on are every shortlisted candidate, nearly all wrong, so their probability
   * understated how often a first-ranked match is right (val: of first results at 0.32, 98 % were right).
   * Absent in older files: the logit is used as fitted.
   */
  topCalibration?: { slope: number; intercept: number };
  /** Probability at or above which a match may be flagged. */
  threshold: number;
  metrics?: Record<string, unknown>;
}

export function featureVector(e: CandidateEvidence): number[] {
  const nameRead = Math.max(0, e.textScore - NAME_MATCH_MIN) / (1 - NAME_MATCH_MIN);
  return [e.cosine, e.contrast, e.window, Math.max(0, e.margin), Math.log1p(e.inliers), e.inlierRatio, e.verified ? 1 : 0, nameRead, e.textRead ? 1 : 0];
}

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Logistic regression over the evidence, coefficients from the versioned JSON beside this file. */
export class FusionModel {
  constructor(readonly coefficients: FusionCoefficients) {
    if (coefficients.features.join() !== FUSION_FEATURES.join()) {
      throw new Error(`fusion coefficients ${coefficients.version} use features [${coefficients.features}], expected [${FUSION_FEATURES}]`);
    }
  }

  static default(): FusionModel {
    return new FusionModel(coefficients as FusionCoefficients);
  }

  /** The fitted linear score (log-odds before the top-match calibration). */
  logit(e: CandidateEvidence): number {
    const x = featureVector(e);
    let z = this.coefficients.bias;
    for (let i = 0; i < x.length; i++) z += this.coefficients.weights[i] * x[i];
    return z;
  }

  /** How likely the candidate is the photographed mark, calibrated for a first-ranked match (monotone in the logit). */
  probability(e: CandidateEvidence): number {
    const top = this.coefficients.topCalibration ?? { slope: 1, intercept: 0 };
    return logistic(top.slope * this.logit(e) + top.intercept);
  }

  get threshold(): number {
    return this.coefficients.threshold;
  }
}
