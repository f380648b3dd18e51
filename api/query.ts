import type { RecordalStatus } from './recordal';

export type BoxXYWH = [number, number, number, number];

/** Marks a query returns when it does not say. */
export const DEFAULT_TOP = 10;

export interface QueryOptions {
  /** How many marks to return (default DEFAULT_TOP). */
  top?: number;
  /** A crop the inspector drew, in the photo's pixel coordinates. */
  crop?: BoxXYWH;
  /** Search proposed mark regions (and, with verification, the largest text lines) as well as the whole photo (default true). */
  regions?: boolean;
  /** With verification, also search a grid of windows for marks the proposals missed (default true). */
  windows?: boolean;
  /** Verify the shortlist (local features + RANSAC), read text, fuse, flag (default true). */
  verify?: boolean;
  /** Declared importer of the goods: no flag for a recordal that authorises it. */
  importer?: string;
  /** Declared exporter of the goods: no flag for a recordal that authorises it. */
  exporter?: string;
  /** Nice class of the goods (1..45): a flag needs the recordal to cover it. */
  niceClass?: number;
  /** ISO date the recordal must be in force on (default: today). */
  date?: string;
  /**
   * Return every candidate the engine scored (the shortlist, the window grid's and the marks found by name), not
   * only the first `top`: the calibration fits on exactly what the ranking saw, whatever the fusion then ordered.
   */
  everyCandidate?: boolean;
}

/** Machine-readable reason codes on a result; `passed` says whether the rule allows a flag. */
export type ReasonCode =
  | 'PROBABILITY_HIGH'
  | 'PROBABILITY_LOW'
  | 'CALIBRATION_STALE'
  | 'NO_RECORDAL'
  | 'RECORDAL_IN_FORCE'
  | 'RECORDAL_NOT_ACTIVE'
  | 'RECORDAL_NOT_YET_VALID'
  | 'RECORDAL_EXPIRED'
  | 'CLASS_COVERED'
  | 'CLASS_NOT_COVERED'
  | 'CLASS_NOT_GIVEN'
  | 'PARTY_NOT_DECLARED'
  | 'IMPORTER_NOT_AUTHORISED'
  | 'IMPORTER_AUTHORISED'
  | 'EXPORTER_NOT_AUTHORISED'
  | 'EXPORTER_AUTHORISED';

export interface MatchReason {
  code: ReasonCode;
  passed: boolean;
  /** One readable sentence for the inspector. */
  text: string;
}

/** Why a result scored as it did: where it is in the photo, what matched, which rules held. */
export interface MatchExplanation {
  cosine: number;
  /** cosine minus the typical best cosines of the same photo region and the mark's hubness penalty: how far it stands out there */
  contrast: number;
  /** the best contrast in a grid of windows over the photo (-1: none searched) */
  window: number;
  /** contrast minus the best other image's contrast (negative below rank 1) */
  margin: number;
  /** Local-feature matches after the ratio test, and how many fit the homography. */
  matches: number;
  inliers: number;
  inlierRatio: number;
  /** The mark's corners (TL, TR, BR, BL) in photo pixels, when verified geometry was found. */
  quad: [number, number][] | null;
  box: BoxXYWH | null;
  /** The text read in the photo that best matches the mark's name, and how well. */
  textRead: string | null;
  textScore: number;
  textMatch: string;
  /** Every rule checked, passed or not. */
  rules: MatchReason[];
  /** The fusion model's coefficients file version. */
  fusion: string;
  /** 'image': the picture search shortlisted it; 'text': the text read in the photo named it. */
  foundBy: 'image' | 'text';
  /**
   * Found where a higher-ranked mark of another recordal was already identified (at the flag threshold): this
   * result is a runner-up for that place, listed after the marks found elsewhere. Null otherwise.
   */
  samePlaceAs: { markId: string; markName: string | null; rank: number } | null;
}

export interface MatchResult {
  markId: string;
  recordalId: string | null;
  score: number;
  rank: number;
  markName: string | null;
  holder: string | null;
  status: RecordalStatus | null;
  /** The photo region ([x, y, w, h], photo pixels) whose embedding matched best. */
  region: BoxXYWH;
  /** Calibrated probability that the photo shows this mark (present when verification ran). */
  probability?: number;
  /** Geometric verification found the mark in the photo. */
  verified?: boolean;
  /** Where the mark is in the photo ([x, y, w, h], photo pixels) when verified geometry was found. */
  box?: BoxXYWH | null;
  /** probability >= threshold AND recordal in force AND class covered AND party not authorised. */
  likelyInfringement?: boolean;
  /** The rules behind likelyInfringement, failing ones first. */
  reasons?: MatchReason[];
  explanation?: MatchExplanation;
}

/** A line of text read in the photo. */
export interface ReadTextLine {
  text: string;
  confidence: number;
  box: BoxXYWH;
}

export interface QueryTimings {
  decodeMs: number;
  embedMs: number;
  searchMs: number;
  /** local features + RANSAC on the shortlist */
  verifyMs?: number;
  /** text detection + recognition */
  ocrMs?: number;
  totalMs: number;
}

export interface QueryResult {
  results: MatchResult[];
  timings: QueryTimings;
  /** The photo's size after EXIF orientation, to place boxes. */
  photo: { width: number; height: number };
  /** Every region searched: the whole photo first, then proposals, the inspector's crop, the text lines, then the window grid. */
  regions: BoxXYWH[];
  modelId: string;
  /** Text read in the photo (when verification ran). */
  text?: ReadTextLine[];
  /** What limited this answer: evidence not gathered, marks not searchable, a fusion fitted for another model. */
  warnings?: QueryWarning[];
}

export type QueryWarningCode = 'MARKS_UNINDEXED' | 'CROP_OUTSIDE' | 'FUSION_STALE' | 'TEXT_FAILED' | 'VERIFY_FAILED' | 'HUBNESS_UNAVAILABLE';

/** `message` is English for logs and the CLI; the app words it from `code` and `values` in the inspector's language. */
export interface QueryWarning {
  code: QueryWarningCode;
  message: string;
  values?: Record<string, string | number>;
}

export function queryWarning(code: QueryWarningCode, message: string, values?: Record<string, string | number>): QueryWarning {
  return values ? { code, message, values } : { code, message };
}
