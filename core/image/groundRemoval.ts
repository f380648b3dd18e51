import type { RasterImage } from './decodeImage';
import { borderPixels } from './rasterOps';

/** Colours the region's border is summarised by: a striped or printed ground has a few. */
const GROUND_COLOURS = 4;
/** Largest channel difference from one of those colours that still counts as ground. */
const GROUND_TOLERANCE = 40;
/** The grey the gallery's second view puts marks on (markViews 'grey'). */
const MID_GREY = 128;

/** A few k-means iterations over the border's colours (L1 distance). */
function borderPalette(data: Buffer, border: number[]): number[][] {
  const step = Math.max(1, Math.floor(border.length / GROUND_COLOURS));
  let centres = Array.from({ length: GROUND_COLOURS }, (_, j) => {
    const p = border[Math.min(border.length - 1, j * step)];
    return [data[p * 3], data[p * 3 + 1], data[p * 3 + 2]];
  });
  for (let iteration = 0; iteration < 8; iteration++) {
    const sums = centres.map(() => [0, 0, 0, 0]);
    for (const p of border) {
      let best = 0;
      let bestDistance = Infinity;
      centres.forEach((c, j) => {
        const d = Math.abs(data[p * 3] - c[0]) + Math.abs(data[p * 3 + 1] - c[1]) + Math.abs(data[p * 3 + 2] - c[2]);
        if (d < bestDistance) [best, bestDistance] = [j, d];
      });
      const s = sums[best];
      s[0] += data[p * 3];
      s[1] += data[p * 3 + 1];
      s[2] += data[p * 3 + 2];
      s[3]++;
    }
    centres = sums.map((s, j) => (s[3] ? [s[0] / s[3], s[1] / s[3], s[2] / s[3]] : centres[j]));
  }
  return centres;
}

/**
 * A photo region with its ground replaced by the gallery's mid-grey: whatever floods in from the border over
 * pixels close to one of the border's few colours (fabric, stripes, a printed pattern), so a mark printed on a
 * patterned surface looks like its grey gallery view. Null when the flood takes almost all of the region (no
 * mark in it, or ink the colour of the ground) or almost none (a mark cut by the border, a busy photo).
 */
export function withoutGround(region: RasterImage): RasterImage | null {
  const { data, width: w, height: h } = region;
  if (w < 8 || h < 8) return null;
  const border = borderPixels(w, h);
  const palette = borderPalette(data, border);
  // one pass marks the pixels near a ground colour; the flood then only reads the mask
  const nearGround = new Uint8Array(w * h);
  for (let p = 0, i = 0; p < w * h; p++, i += 3) {
    for (let j = 0; j < palette.length; j++) {
      const c = palette[j];
      if (Math.abs(data[i] - c[0]) <= GROUND_TOLERANCE && Math.abs(data[i + 1] - c[1]) <= GROUND_TOLERANCE && Math.abs(data[i + 2] - c[2]) <= GROUND_TOLERANCE) {
        nearGround[p] = 1;
        break;
      }
    }
  }
  const ground = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  let top = 0;
  for (const p of border) {
    if (nearGround[p] && !ground[p]) {
      ground[p] = 1;
      stack[top++] = p;
    }
  }
  let filled = top;
  const visit = (q: number) => {
    if (nearGround[q] && !ground[q]) {
      ground[q] = 1;
      filled++;
      stack[top++] = q;
    }
  };
  while (top > 0) {
    const p = stack[--top];
    const x = p % w;
    if (x > 0) visit(p - 1);
    if (x < w - 1) visit(p + 1);
    if (p >= w) visit(p - w);
    if (p < w * (h - 1)) visit(p + w);
  }
  if (filled > 0.95 * w * h || filled < 0.05 * w * h) return null;
  const out = Buffer.from(data);
  for (let p = 0; p < w * h; p++) if (ground[p]) out[p * 3] = out[p * 3 + 1] = out[p * 3 + 2] = MID_GREY;
  return { data: out, width: w, height: h };
}
