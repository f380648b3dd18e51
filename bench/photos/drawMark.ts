// Paste a mark layer into the photo through a homography (rotation + perspective in one go),
// as printed ink that picks up the surface's shading, or as an emboss (only light and shadow).
import type { Rgba } from '../lib/rasteriseSvg';
import type { Rng } from '../lib/prng';
import type { Canvas } from './canvas';
import { applyHomography, homographyFromPoints, type Point } from './homography';

export type Box = [number, number, number, number];

export interface Quad {
  corners: Point[];
}

/**
 * Where the mark's four corners land: centred at (cx, cy), long side `longSide` px, turned by
 * `angleDeg`, with each corner pushed by up to `perspective` x (side length) to fake a tilted view.
 */
export function markQuad(rng: Rng, layer: Rgba, cx: number, cy: number, longSide: number, angleDeg: number, perspective: number): Quad {
  const k = longSide / Math.max(layer.width, layer.height);
  const hw = (layer.width * k) / 2;
  const hh = (layer.height * k) / 2;
  const a = (angleDeg * Math.PI) / 180;
  const [c, s] = [Math.cos(a), Math.sin(a)];
  // a tilt shortens one side (the far edge) about its midpoint; corner jitter adds skew
  const squeeze = perspective > 0 ? rng.range(0.5, 1) * perspective : 0;
  const side = rng.int(0, 3); // 0 top, 1 right, 2 bottom, 3 left
  const base: Point[] = [[-hw, -hh], [hw, -hh], [hw, hh], [-hw, hh]];
  const local: Point[] = base.map(([x, y], i) => {
    const onSide = i === side || i === (side + 1) % 4;
    const horizontalSide = side % 2 === 0;
    const sx = onSide && horizontalSide ? 1 - squeeze : 1;
    const sy = onSide && !horizontalSide ? 1 - squeeze : 1;
    const jx = perspective * rng.range(-0.1, 0.1) * longSide;
    const jy = perspective * rng.range(-0.1, 0.1) * longSide;
    return [x * sx + jx, y * sy + jy];
  });
  return { corners: local.map(([x, y]) => [cx + x * c - y * s, cy + x * s + y * c] as Point) };
}

export function quadBounds(q: Quad): Box {
  const xs = q.corners.map((p) => p[0]);
  const ys = q.corners.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return [x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0];
}

export interface DrawOptions {
  emboss?: boolean;
  /** 0..1: how much the surface's light and dark show through the ink */
  inkTexture?: number;
  /** mean luminance of the surface under the mark: texture is measured against it */
  surfaceLuminance?: number;
}

/** Draws the layer; returns the box of pixels it actually covered, or null if none. */
export function drawMark(canvas: Canvas, layer: Rgba, quad: Quad, options: DrawOptions = {}): Box | null {
  const src: Point[] = [[0, 0], [layer.width, 0], [layer.width, layer.height], [0, layer.height]];
  const toLayer = homographyFromPoints(quad.corners, src);
  const [bx, by, bw, bh] = quadBounds(quad);
  const x0 = Math.max(0, Math.floor(bx) - 2);
  const y0 = Math.max(0, Math.floor(by) - 2);
  const x1 = Math.min(canvas.width, Math.ceil(bx + bw) + 2);
  const y1 = Math.min(canvas.height, Math.ceil(by + bh) + 2);
  const pw = x1 - x0;
  const ph = y1 - y0;
  if (pw <= 0 || ph <= 0) return null;

  // pass 1: sample the layer (premultiplied bilinear) into a patch in photo space
  const patch = new Float32Array(pw * ph * 4);
  const at = (x: number, y: number, ch: number): number => {
    if (x < 0 || y < 0 || x >= layer.width || y >= layer.height) return 0;
    const i = (y * layer.width + x) * 4;
    const a = layer.data[i + 3]! / 255;
    return ch === 3 ? a : layer.data[i + ch]! * a;
  };
  for (let y = 0; y < ph; y++) {
    for (let x = 0; x < pw; x++) {
      const [u, v] = applyHomography(toLayer, [x0 + x + 0.5, y0 + y + 0.5]);
      const fu = u - 0.5;
      const fv = v - 0.5;
      const iu = Math.floor(fu);
      const iv = Math.floor(fv);
      if (iu < -1 || iv < -1 || iu >= layer.width || iv >= layer.height) continue;
      const tu = fu - iu;
      const tv = fv - iv;
      const o = (y * pw + x) * 4;
      for (let ch = 0; ch < 4; ch++) {
        const top = at(iu, iv, ch) * (1 - tu) + at(iu + 1, iv, ch) * tu;
        const bottom = at(iu, iv + 1, ch) * (1 - tu) + at(iu + 1, iv + 1, ch) * tu;
        patch[o + ch] = top * (1 - tv) + bottom * tv;
      }
    }
  }

  // pass 2: blend; track the covered box
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const alpha = (x: number, y: number): number => (x < 0 || y < 0 || x >= pw || y >= ph ? 0 : patch[(y * pw + x) * 4 + 3]!);
  const texture = options.inkTexture ?? 0.3;
  const surfaceLum = Math.max(20, options.surfaceLuminance ?? 128);
  for (let y = 0; y < ph; y++) {
    for (let x = 0; x < pw; x++) {
      const o = (y * pw + x) * 4;
      const a = patch[o + 3]!;
      const d = options.emboss ? Math.abs(alpha(x - 1, y - 1) - alpha(x + 1, y + 1)) : 0;
      if (a < 0.02 && d < 0.02) continue;
      if (a > 0.25) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
      const i = ((y0 + y) * canvas.width + x0 + x) * 3;
      const bg = [canvas.data[i]!, canvas.data[i + 1]!, canvas.data[i + 2]!];
      if (options.emboss) {
        // raised ink: lit on the upper-left rim, shadowed on the lower-right, slightly darker top
        const relief = 0.45 * (alpha(x - 1, y - 1) - alpha(x + 1, y + 1)) - 0.06 * a;
        for (let ch = 0; ch < 3; ch++) canvas.data[i + ch] = bg[ch]! * (1 + relief) + 40 * Math.max(0, relief);
      } else {
        // weave and grain show through ink, but bold stripes under it must not: clamp the effect
        const rel = (bg[0]! + bg[1]! + bg[2]!) / 3 / surfaceLum - 1;
        const shade = 1 + Math.max(-0.12, Math.min(0.12, texture * rel));
        for (let ch = 0; ch < 3; ch++) canvas.data[i + ch] = bg[ch]! * (1 - a) + patch[o + ch]! * shade;
      }
    }
  }
  if (minX === Infinity) return null;
  return [x0 + minX, y0 + minY, maxX - minX + 1, maxY - minY + 1];
}
