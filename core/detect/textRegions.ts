import { clampBox, iou, type Box } from '../image';

/** Most text lines searched as regions of their own, largest first. */
const MAX_TEXT_REGIONS = 2;
/** Lines shorter than this (raster pixels) are too small to show a mark. */
const MIN_LINE_SIDE = 16;
/** Each line is grown by this share of its longer side: a wordmark's symbol often sits beside or above it. */
const MARGIN = 0.25;

/**
 * Regions around the text lines the OCR detected, for marks the blob proposals missed: a wordmark or lockup
 * merged with a strap or a pattern, or passed over for larger marks in clutter. On val (100 hard photos) the
 * proposals hold the mark in 60, and with text lines in 66. Lines overlapping a region already searched
 * (IoU > 0.5) add nothing.
 */
export function textRegions(lines: Box[], searched: Box[], width: number, height: number): Box[] {
  const out: Box[] = [];
  for (const [x, y, w, h] of [...lines].sort((a, b) => b[2] * b[3] - a[2] * a[3])) {
    if (out.length >= MAX_TEXT_REGIONS) break;
    if (Math.max(w, h) < MIN_LINE_SIDE) continue;
    const m = MARGIN * Math.max(w, h);
    const box = clampBox([x - m, y - m, w + 2 * m, h + 2 * m], width, height);
    if (!box || [...searched, ...out].some((o) => iou(o, box) > 0.5)) continue;
    out.push(box);
  }
  return out;
}
