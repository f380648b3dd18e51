import type { RecordalStatus } from './recordal';

export type BoxXYWH = [number, number, number, number];

export interface QueryOptions {
  /** How many marks to return. */
  top?: number;
  /** A crop the inspector drew, in the photo's pixel coordinates. */
  crop?: BoxXYWH;
  /** Search proposed mark regions as well as the whole photo (default true). */
  regions?: boolean;
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
}

export interface QueryTimings {
  decodeMs: number;
  embedMs: number;
  searchMs: number;
  totalMs: number;
}

export interface QueryResult {
  results: MatchResult[];
  timings: QueryTimings;
  /** The photo's size after EXIF orientation, to place boxes. */
  photo: { width: number; height: number };
  /** Every region searched: the whole photo first, then proposals, then the inspector's crop. */
  regions: BoxXYWH[];
  modelId: string;
}
