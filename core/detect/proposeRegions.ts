import { clampBox, iou, shrinkRaster, withMargin, type Box, type RasterImage } from '../image';
import { boxBlur } from './boxBlur';
import { connectedBlobs, dilate, erode, type Blob } from './connectedBoxes';
import { stripeGround } from './stripeGround';

/** Analysis size: marks we must find cover >= ~8% of the photo's side, i.e. >= ~15 px here. */
const ANALYSIS_SIDE = 192;
/** 6 rather than 4 (val, whole pipeline): hard R@1 0.355 -> 0.370, R@10 0.445 -> 0.475; the others alike. */
const MAX_REGIONS = 6;
/**
 * Gradients at least this aligned (structure-tensor coherence) mean stripes or corrugation. Val photos:
 * on stripes the median is 0.93; on other surfaces the 90th percentile is 0.45-0.78 (corrugated cardboard highest).
 */
const STRIPE_COHERENCE = 0.5;

/**
 * A searched region's margin round the mark, as a fraction of its longer side: the model saw marks with some
 * surface around them. The true box of 100 hard val photos added as a region (embedding only) finds the mark
 * first in 45 cut tight, 53 with this margin (50 with 6 %, 54 with 20 %).
 */
export const REGION_MARGIN = 0.12;

export interface RegionOptions {
  maxRegions?: number;
}

/**
 * Where a mark might be: pixels that stand out from the local surface colour (a heavy blur of the
 * photo; on stripes, also the stripes themselves), grouped into blobs. Returns up to `maxRegions` boxes in raster pixels, best first: the
 * strongest blobs and the box around all strong blobs (multi-part marks such as stripes or a symbol
 * beside a wordmark). Whole-photo search stays as the fallback, so a miss here costs little.
 */
export async function proposeRegions(photo: RasterImage, options: RegionOptions = {}): Promise<Box[]> {
  const small = await shrinkRaster(photo, ANALYSIS_SIDE);
  const { width, height, data } = small;
  const n = width * height;
  const planes = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) planes[c][i] = data[i * 3 + c];
  const radius = Math.max(4, Math.round(Math.max(width, height) / 6));
  const background = planes.map((p) => boxBlur(p, width, height, radius));

  const deviation = colourDistance(planes, background);
  // on stripes a pixel must also stand out from its stripe
  const stripes = stripeGround(planes, width, height, STRIPE_COHERENCE);
  if (stripes) {
    const fromStripe = colourDistance(planes, stripes);
    for (let i = 0; i < n; i++) deviation[i] = Math.min(deviation[i], fromStripe[i]);
  }
  const threshold = Math.max(28, otsu(deviation));
  const on = new Uint8Array(n);
  for (let i = 0; i < n; i++) on[i] = deviation[i] > threshold ? 1 : 0;
  const minPixels = n * 0.002;
  const blobsOf = (mask: Uint8Array) =>
    connectedBlobs(mask, width, height)
      .filter((b) => b.pixels >= minPixels && boxArea(b) < n * 0.7)
      .sort((a, b) => b.pixels - a.pixels);
  const blobs = blobsOf(dilate(on, width, height, 2));
  // a thin line (a strap, a seam, a shelf edge) joins a mark to whatever it touches; with lines up to 2 px
  // thick opened away (erode 1, dilate 1) the mark is a blob of its own. Grouped by the same 2 px: dilate 3.
  const parts = blobsOf(dilate(erode(on, width, height, 1), width, height, 3));
  if (blobs.length === 0 && parts.length === 0) return [];

  // ranked by size together: the box around all strong blobs outweighs each of them
  const candidates: Blob[] = blobs.slice(0, MAX_REGIONS);
  const strong = blobs.filter((b) => b.pixels >= blobs[0].pixels * 0.25);
  if (strong.length > 1) candidates.push(unionOf(strong));
  candidates.push(...parts);
  candidates.sort((a, b) => b.pixels - a.pixels);

  const scale = photo.width / width;
  const boxes: Box[] = [];
  for (const b of candidates) {
    const box = clampBox(toPhotoBox(b, scale), photo.width, photo.height);
    if (box && !boxes.some((o) => iou(o, box) > 0.7)) boxes.push(box);
  }
  return boxes.slice(0, options.maxRegions ?? MAX_REGIONS);
}

/** Per pixel, the RGB distance between two images given as colour planes. */
function colourDistance(planes: Float32Array[], other: Float32Array[]): Float32Array {
  const out = new Float32Array(planes[0].length);
  for (let i = 0; i < out.length; i++) {
    const dr = planes[0][i] - other[0][i];
    const dg = planes[1][i] - other[1][i];
    const db = planes[2][i] - other[2][i];
    out[i] = Math.sqrt(dr * dr + dg * dg + db * db);
  }
  return out;
}

function boxArea(b: Blob): number {
  return (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1);
}

function unionOf(blobs: Blob[]): Blob {
  return blobs.reduce((u, b) => ({
    x0: Math.min(u.x0, b.x0),
    y0: Math.min(u.y0, b.y0),
    x1: Math.max(u.x1, b.x1),
    y1: Math.max(u.y1, b.y1),
    pixels: u.pixels + b.pixels,
  }));
}

/** Blob -> photo box with the region margin; unclamped. */
function toPhotoBox(b: Blob, scale: number): Box {
  return withMargin([b.x0 * scale, b.y0 * scale, (b.x1 - b.x0 + 1) * scale, (b.y1 - b.y0 + 1) * scale], REGION_MARGIN);
}

/** Otsu's threshold over a 256-bin histogram of the values' range. */
function otsu(values: Float32Array): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  if (max === 0) return 0;
  const hist = new Float64Array(256);
  for (const v of values) hist[Math.min(255, Math.floor((v / max) * 255))]++;
  const total = values.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * hist[i];
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let bestT = 0;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) (best = between), (bestT = t);
  }
  return ((bestT + 0.5) / 255) * max;
}
