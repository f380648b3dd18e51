// PhotoPlan -> JPEG bytes and the boxes where the marks ended up.
import type { Rng } from '../lib/prng';
import { paintBackground } from './backgrounds';
import { meanColour, type Canvas } from './canvas';
import { drawMark, markQuad, quadBounds, type Box } from './drawMark';
import { finishPhoto } from './finishPhoto';
import { recolourLayer, renderMarkLayer } from './markLayer';
import { occlude } from './occlude';
import type { PhotoPlan, PlannedMark } from './photoPlan';

export interface PlacedMark {
  markId: string | null;
  brand: string | null;
  box: Box;
}

export interface RenderedPhoto {
  jpeg: Buffer;
  subject: PlacedMark;
  others: PlacedMark[];
  occluder?: string;
}

function overlaps(a: Box, b: Box): boolean {
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

/**
 * Sample a centre that keeps the whole (rotated, warped) mark in frame and clear of `avoid`.
 * Centres are drawn from the feasible range directly; a mark too big for the frame is shrunk.
 */
async function place(rng: Rng, canvas: Canvas, m: PlannedMark, avoid: Box[]): Promise<PlacedMark | null> {
  let longSide = Math.max(12, m.sizeFrac * Math.min(canvas.width, canvas.height));
  const layer = await renderMarkLayer(m.svg, Math.round(longSide));
  const margin = 4;
  for (let attempt = 0; attempt < 40; attempt++) {
    const shape = markQuad(rng, layer, 0, 0, longSide, m.angleDeg, m.perspective);
    const [qx, qy, qw, qh] = quadBounds(shape);
    const spanX = canvas.width - 2 * margin - qw;
    const spanY = canvas.height - 2 * margin - qh;
    if (spanX < 0 || spanY < 0) {
      longSide *= 0.92;
      continue;
    }
    const dx = margin - qx + rng.range(0, spanX);
    const dy = margin - qy + rng.range(0, spanY);
    const quad = { corners: shape.corners.map(([x, y]) => [x + dx, y + dy] as [number, number]) };
    const [x, y, w, h] = quadBounds(quad);
    if (avoid.some((b) => overlaps(b, [x - 8, y - 8, w + 16, h + 16]))) continue;
    const surface = meanColour(canvas, x, y, w, h);
    recolourLayer(layer, m.recolour, rng, surface);
    const box = drawMark(canvas, layer, quad, {
      emboss: m.recolour === 'embossed',
      inkTexture: rng.range(0.15, 0.45),
      surfaceLuminance: (surface[0] + surface[1] + surface[2]) / 3,
    });
    return box ? { markId: m.markId, brand: m.brand, box } : null;
  }
  return null;
}

export async function renderPhoto(rng: Rng, plan: PhotoPlan): Promise<RenderedPhoto> {
  const canvas = paintBackground(rng.fork('background'), plan.width, plan.height, plan.surface);
  const placeRng = rng.fork('place');
  // subject first (it must fit), clutter around it
  const subject = await place(placeRng, canvas, plan.subject, []);
  if (!subject) throw new Error(`could not place ${plan.subject.markId ?? 'negative mark'} in ${plan.width}x${plan.height}`);
  const others: PlacedMark[] = [];
  for (const c of plan.clutter) {
    const placed = await place(placeRng, canvas, c, [subject.box, ...others.map((o) => o.box)]);
    if (placed) others.push(placed);
  }
  const occluder = plan.occlusion > 0 ? occlude(rng.fork('occlude'), canvas, subject.box, plan.occlusion) : undefined;
  const jpeg = await finishPhoto(rng.fork('finish'), canvas, plan.finish);
  return { jpeg, subject, others, ...(occluder ? { occluder } : {}) };
}
