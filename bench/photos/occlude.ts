// Partial occlusion: a strap, a price sticker or a thumb over part of the mark, as when goods are
// photographed in their packaging or held in the hand.
import type { Rng } from '../lib/prng';
import type { Canvas, Rgb } from './canvas';
import type { Box } from './drawMark';

export type Occluder = 'strap' | 'sticker' | 'thumb';

/** Covers roughly `fraction` of `box`; returns which occluder was drawn. */
export function occlude(rng: Rng, canvas: Canvas, box: Box, fraction: number): Occluder {
  const [bx, by, bw, bh] = box;
  const kind = rng.pick<Occluder>(['strap', 'sticker', 'thumb']);
  const colour: Rgb =
    kind === 'thumb'
      ? [rng.range(170, 230), rng.range(120, 170), rng.range(95, 140)]
      : kind === 'sticker'
        ? [rng.range(225, 250), rng.range(225, 250), rng.range(215, 245)]
        : [rng.range(20, 90), rng.range(20, 90), rng.range(20, 90)];
  let inside: (x: number, y: number) => number; // 0..1 coverage, soft edge for the thumb
  if (kind === 'strap') {
    // a band across the mark, horizontal or vertical, from one edge
    const vertical = rng.chance(0.5);
    const t = fraction * (vertical ? bw : bh);
    const start = rng.chance(0.5) ? (vertical ? bx : by) : (vertical ? bx + bw - t : by + bh - t);
    inside = (x, y) => ((vertical ? x : y) >= start && (vertical ? x : y) < start + t ? 1 : 0);
  } else if (kind === 'sticker') {
    const w = Math.sqrt(fraction) * bw * rng.range(0.8, 1.2);
    const h = (fraction * bw * bh) / w;
    const x0 = bx + rng.range(-0.1, 1) * (bw - w);
    const y0 = by + rng.range(-0.1, 1) * (bh - h);
    inside = (x, y) => (x >= x0 && x < x0 + w && y >= y0 && y < y0 + h ? 1 : 0);
  } else {
    // an ellipse entering from a corner of the box
    const rx = Math.sqrt(fraction) * bw * 0.9;
    const ry = Math.sqrt(fraction) * bh * 1.3;
    const cx = rng.chance(0.5) ? bx : bx + bw;
    const cy = rng.chance(0.5) ? by + bh * 0.3 : by + bh;
    inside = (x, y) => {
      const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
      return d < 0.85 ? 1 : d < 1 ? (1 - d) / 0.15 : 0;
    };
  }
  const pad = Math.max(bw, bh);
  for (let y = Math.max(0, Math.floor(by - pad)); y < Math.min(canvas.height, by + bh + pad); y++) {
    for (let x = Math.max(0, Math.floor(bx - pad)); x < Math.min(canvas.width, bx + bw + pad); x++) {
      const a = inside(x, y);
      if (a <= 0) continue;
      const i = (y * canvas.width + x) * 3;
      // a little shading so the occluder is not a flat synthetic patch
      const shade = 0.9 + 0.1 * Math.sin((x + y) * 0.05);
      for (let ch = 0; ch < 3; ch++) canvas.data[i + ch] = canvas.data[i + ch]! * (1 - a) + colour[ch]! * shade * a;
    }
  }
  return kind;
}
