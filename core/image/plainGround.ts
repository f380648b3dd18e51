import type { RasterImage, Transparency } from './decodeImage';
import { borderPixels } from './rasterOps';

/** Largest channel difference from the ground colour that still counts as ground (JPEG noise, paper tint). */
const GROUND_TOLERANCE = 28;
/** Share of the border that must be ground for the image to count as a mark on a plain ground. */
const PLAIN_BORDER_SHARE = 0.9;
/** A ground colour whose channels differ by more than this is not a neutral white / grey / black. */
const NEUTRAL_SPREAD = 24;
/** A plain ground varies little: the border's median distance from its colour stays within this (a photo's does not). */
const PLAIN_MEDIAN_DIFF = 6;
/** Ink edge pixels get alpha from their distance to the ground colour, fully opaque from this far. */
const EDGE_FULL_INK = 96;

const diff = (d: Buffer, p: number, bg: number[]) =>
  Math.max(Math.abs(d[p * 3] - bg[0]), Math.abs(d[p * 3 + 1] - bg[1]), Math.abs(d[p * 3 + 2] - bg[2]));

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  return s[s.length >> 1];
}

/**
 * A recorded mark without alpha (a JPEG, or an opaque PNG on white, grey or black) seen as a see-through
 * one: the ground is what floods in from the border over pixels close to the border's colour, and ink
 * pixels along it get a partial alpha (anti-aliasing). Null when the border is not a plain neutral ground
 * (a photo, a coloured or textured backdrop) or the flood leaves almost nothing or almost everything.
 */
export function plainGroundTransparency(image: RasterImage): Transparency | null {
  const { data, width: w, height: h } = image;
  if (w < 3 || h < 3) return null;
  const border = borderPixels(w, h);
  const bg = [0, 1, 2].map((c) => median(border.map((p) => data[p * 3 + c])));
  if (Math.max(...bg) - Math.min(...bg) > NEUTRAL_SPREAD) return null;
  const distances = border.map((p) => diff(data, p, bg));
  if (median(distances) > PLAIN_MEDIAN_DIFF) return null;
  const seeds = border.filter((_, i) => distances[i] <= GROUND_TOLERANCE);
  if (seeds.length < PLAIN_BORDER_SHARE * border.length) return null;

  const ground = new Uint8Array(w * h);
  const stack = seeds.slice();
  for (const p of seeds) ground[p] = 1;
  let filled = seeds.length;
  while (stack.length) {
    const p = stack.pop()!;
    const x = p % w;
    for (const q of [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, p - w, p + w]) {
      if (q < 0 || q >= w * h || ground[q] || diff(data, q, bg) > GROUND_TOLERANCE) continue;
      ground[q] = 1;
      filled++;
      stack.push(q);
    }
  }
  if (filled > 0.98 * w * h || filled < 0.02 * w * h) return null;

  const alpha = Buffer.alloc(w * h, 255);
  for (let p = 0; p < w * h; p++) {
    if (ground[p]) {
      alpha[p] = 0;
      continue;
    }
    const x = p % w;
    const touchesGround = (x > 0 && ground[p - 1]) || (x < w - 1 && ground[p + 1]) || (p >= w && ground[p - w]) || (p + w < w * h && ground[p + w]);
    if (touchesGround) alpha[p] = Math.round(255 * Math.min(1, diff(data, p, bg) / EDGE_FULL_INK));
  }
  return { alpha, background: Math.round((bg[0] + bg[1] + bg[2]) / 3) };
}

/** The image with its see-through pixels known: its own alpha, else a plain ground's (plainGroundTransparency). */
export function withSeeThrough(image: RasterImage): RasterImage {
  if (image.transparency) return image;
  const transparency = plainGroundTransparency(image);
  return transparency ? { ...image, transparency } : image;
}
