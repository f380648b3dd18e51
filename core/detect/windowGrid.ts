import type { Box } from '../image';

/** Smallest window worth embedding (px in the working raster). */
const MIN_WINDOW_SIDE = 32;
/** Longer side over shorter beyond which a photo is a strip: its windows would number in the hundreds (up to 45 at 4:1). */
const MAX_ASPECT = 4;

/**
 * Overlapping square windows over the whole photo, side `fraction` of its shorter side, half a side
 * apart, the last row and column flush with the edges; none when that side would be under 32 px or
 * the photo is more than 4 times as long as it is wide.
 * Proposals miss small marks in clutter (on the bench's hard photos a proposal holds the mark 57 % of
 * the time); windows do not depend on the mark standing out, so they feed candidates the proposals missed.
 */
export function windowGrid(width: number, height: number, fraction = 0.5): Box[] {
  const side = Math.round(fraction * Math.min(width, height));
  // a strip, or a tiny photo, would get hundreds of windows, or tiny ones scaled up: its regions cover it
  if (side < MIN_WINDOW_SIDE || Math.max(width, height) > MAX_ASPECT * Math.min(width, height)) return [];
  const starts = (length: number): number[] => {
    const out: number[] = [];
    const step = side / 2;
    for (let at = 0; at + side < length; at += step) out.push(Math.round(at));
    out.push(Math.max(0, length - side));
    return [...new Set(out)];
  };
  const boxes: Box[] = [];
  for (const y of starts(height)) for (const x of starts(width)) boxes.push([x, y, Math.min(side, width - x), Math.min(side, height - y)]);
  return boxes;
}
