// One line of truth.jsonl: what is in a generated photo and where.
import type { Surface } from './backgrounds';
import type { Box } from './drawMark';
import type { Kind } from './photoPlan';

export interface TruthRow {
  /** path relative to the folder holding truth.jsonl */
  file: string;
  kind: Kind;
  /** the gallery mark photographed; null for negatives */
  markId: string | null;
  brand: string | null;
  /** [x, y, w, h] of the subject mark in pixels */
  box: Box;
  width: number;
  height: number;
  /** the goods' surface the mark sits on */
  surface: Surface;
  tags: string[];
  /** clutter marks also in the photo (gallery marks of other brands, or other unknown marks) */
  others: { markId: string | null; brand: string | null; box: Box }[];
}
