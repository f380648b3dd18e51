import { clampBox, cropRaster, decodeImage, shrinkRaster, type Box, type RasterImage } from '../image';

/**
 * Shape agreement: does the ink in a photo region have the outline of a recorded mark?
 *
 * ORB verification needs distinctive corners; flat graphic marks (a rounded square, two D's, arcs) have
 * few, and those few look alike to a rotation-invariant descriptor, so the ratio test drops them (on bench
 * val, 30 easy copies: 10 never verify, with 8-92 keypoints in the whole photo). Their silhouette is what
 * identifies them. Both sides are reduced to a binary ink mask (pixels unlike the colour around the
 * region's border), normalised for position and scale by their moments, and compared by IoU over a few
 * small rotations. Colour is ignored on purpose: goods recolour marks.
 */

/**
 * Analysis size: a region is resized to about WORK_AREA pixels (longer side at most 2x WORK_SIDE, so a
 * wide wordmark keeps letters of a few pixels); a recorded mark, whose canvas says nothing of its aspect,
 * to WORK_SIDE * 1.5.
 */
const WORK_SIDE = 64;
const WORK_AREA = WORK_SIDE * WORK_SIDE;
/** The normalised frame: SIDE x SIDE, ink scaled to this RMS radius around the centre. */
const SIDE = 64;
const RMS_RADIUS = 16;
/** Rotations tried on the photo side (radians): printed marks are rarely straight, seldom by more. */
const ANGLES = [-0.2, -0.1, 0, 0.1, 0.2];
/** Ink is further than this from the border colour (RGB distance) even when Otsu would split lower. */
const MIN_INK_DISTANCE = 25;

export interface InkMask {
  mask: Uint8Array;
  width: number;
  height: number;
}

/** Ink in the normalised frame: SIDE x SIDE cells, 0/1 (what is stored, bit-packed). */
export type Silhouette = Uint8Array;
/** The same, softened for comparison: each cell counts the ink of its 3x3 neighbourhood (0-9). */
export type SoftSilhouette = Uint8Array;

/** Id stored with marks' silhouettes: change it whenever the masking or the frame changes. */
export const SILHOUETTE_VERSION = 'ink-moments-64-v1';
/** Longest side a recorded mark is masked at. */
export const MARK_SHAPE_SIDE = Math.round(WORK_SIDE * 1.5);
const PACKED_BYTES = (SIDE * SIDE) / 8;

/** Ink = pixels whose colour is far from the median colour of the 2-px border (Otsu split of the distances). */
export function inkMask(image: RasterImage): InkMask {
  const { data, width: w, height: h } = image;
  const ring: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) if (x < 2 || y < 2 || x >= w - 2 || y >= h - 2) ring.push(y * w + x);
  }
  const median = [0, 1, 2].map((c) => {
    const v = ring.map((p) => data[p * 3 + c]).sort((a, b) => a - b);
    return v[v.length >> 1];
  });
  const distance = new Float32Array(w * h);
  const histogram = new Float64Array(256);
  for (let p = 0; p < w * h; p++) {
    const d = Math.hypot(data[p * 3] - median[0], data[p * 3 + 1] - median[1], data[p * 3 + 2] - median[2]);
    distance[p] = d;
    histogram[Math.min(255, Math.round(d / 1.75))]++; // max RGB distance 441 -> 252
  }
  const threshold = Math.max(MIN_INK_DISTANCE, (otsu(histogram) + 0.5) * 1.75);
  const mask = new Uint8Array(w * h);
  for (let p = 0; p < w * h; p++) mask[p] = distance[p] > threshold ? 1 : 0;
  return { mask: withoutBorderInk(mask, w, h), width: w, height: h };
}

/**
 * Drops ink connected to the region's edge: clutter, straps and shading that run out of the region. A
 * mark inside its region (proposals keep a margin) never touches it; when everything does, keep it all.
 */
function withoutBorderInk(mask: Uint8Array, w: number, h: number): Uint8Array {
  const out = mask.slice();
  const stack: number[] = [];
  for (let p = 0; p < w * h; p++) {
    const x = p % w;
    const y = (p / w) | 0;
    if (out[p] && (x === 0 || y === 0 || x === w - 1 || y === h - 1)) {
      out[p] = 0;
      stack.push(p);
    }
  }
  while (stack.length) {
    const p = stack.pop()!;
    const x = p % w;
    for (const q of [p - w, p + w, x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1]) {
      if (q >= 0 && q < w * h && out[q]) {
        out[q] = 0;
        stack.push(q);
      }
    }
  }
  let kept = 0;
  let all = 0;
  for (let p = 0; p < w * h; p++) {
    kept += out[p];
    all += mask[p];
  }
  return kept >= 0.1 * all ? out : mask;
}

function otsu(histogram: Float64Array): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < histogram.length; i++) {
    total += histogram[i];
    sum += i * histogram[i];
  }
  let best = -1;
  let split = 0;
  let weightBelow = 0;
  let sumBelow = 0;
  for (let i = 0; i < histogram.length; i++) {
    weightBelow += histogram[i];
    if (weightBelow === 0) continue;
    const weightAbove = total - weightBelow;
    if (weightAbove === 0) break;
    sumBelow += i * histogram[i];
    const between = weightBelow * weightAbove * (sumBelow / weightBelow - (sum - sumBelow) / weightAbove) ** 2;
    if (between > best) {
      best = between;
      split = i;
    }
  }
  return split;
}

/**
 * The mask resampled into the normalised frame: centroid at the centre, RMS radius RMS_RADIUS, turned by
 * `angle`. Null when there is too little ink, or so much that the border colour was not the background.
 */
export function normalise(ink: InkMask, angle = 0): Silhouette | null {
  const { mask, width: w, height: h } = ink;
  let n = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!mask[y * w + x]) continue;
      n++;
      cx += x;
      cy += y;
    }
  }
  if (n < 12 || n > 0.85 * w * h) return null;
  cx /= n;
  cy /= n;
  let r2 = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (mask[y * w + x]) r2 += (x - cx) ** 2 + (y - cy) ** 2;
  const scale = RMS_RADIUS / Math.max(0.5, Math.sqrt(r2 / n));
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const out = new Uint8Array(SIDE * SIDE);
  for (let v = 0; v < SIDE; v++) {
    for (let u = 0; u < SIDE; u++) {
      const dx = (u - SIDE / 2) / scale;
      const dy = (v - SIDE / 2) / scale;
      const x = Math.round(cx + cos * dx - sin * dy);
      const y = Math.round(cy + sin * dx + cos * dy);
      if (x >= 0 && y >= 0 && x < w && y < h) out[v * SIDE + u] = mask[y * w + x];
    }
  }
  return out;
}

/** Silhouettes bit-packed for storage, PACKED_BYTES each. */
export function packSilhouettes(list: Silhouette[]): Buffer {
  const out = Buffer.alloc(list.length * PACKED_BYTES);
  list.forEach((s, k) => {
    for (let p = 0; p < s.length; p++) if (s[p]) out[k * PACKED_BYTES + (p >> 3)] |= 1 << (p & 7);
  });
  return out;
}

export function unpackSilhouettes(bytes: Uint8Array): Silhouette[] {
  if (bytes.length % PACKED_BYTES !== 0) throw new Error(`silhouettes: ${bytes.length} bytes is not a multiple of ${PACKED_BYTES}`);
  const list: Silhouette[] = [];
  for (let k = 0; k < bytes.length / PACKED_BYTES; k++) {
    const s = new Uint8Array(SIDE * SIDE);
    for (let p = 0; p < s.length; p++) s[p] = (bytes[k * PACKED_BYTES + (p >> 3)] >> (p & 7)) & 1;
    list.push(s);
  }
  return list;
}

/** Soft IoU: each mask counted over 3x3 neighbourhoods, so a one-pixel shift of a thin stroke is not a miss. */
export function iou(a: SoftSilhouette, b: SoftSilhouette): number {
  let both = 0;
  let either = 0;
  for (let p = 0; p < a.length; p++) {
    const x = a[p];
    const y = b[p];
    both += x < y ? x : y;
    either += x < y ? y : x;
  }
  return either ? both / either : 0;
}

/** 3x3 box sums (0-9) of a 0/1 mask in the normalised frame. */
export function soften(mask: Silhouette): SoftSilhouette {
  const out = new Uint8Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= SIDE) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < SIDE) n += mask[yy * SIDE + xx];
        }
      }
      out[y * SIDE + x] = n;
    }
  }
  return out;
}

/** A photo region's silhouette at each of ANGLES, softened (null where it has no usable ink). */
export type RegionShape = (SoftSilhouette | null)[];

export async function regionShape(photo: RasterImage, region: Box): Promise<RegionShape> {
  const box = clampBox(region, photo.width, photo.height);
  if (!box) return [];
  const whole = box[0] === 0 && box[1] === 0 && box[2] === photo.width && box[3] === photo.height;
  const side = Math.min(2 * WORK_SIDE, Math.round(Math.sqrt(WORK_AREA * (Math.max(box[2], box[3]) / Math.max(1, Math.min(box[2], box[3]))))));
  const small = await shrinkRaster(whole ? photo : await cropRaster(photo, box), side);
  const ink = inkMask(small);
  return ANGLES.map((a) => {
    const s = normalise(ink, a);
    return s && soften(s);
  });
}

/**
 * A recorded mark's silhouettes (raster decoded at MARK_SHAPE_SIDE or larger): the ink against its
 * background, and for a see-through mark also its opaque pixels (a white mark printed on white goods
 * shows only its inner shapes; printed on dark goods, its whole drawn outline).
 */
export async function markSilhouettes(decoded: RasterImage): Promise<Silhouette[]> {
  const raster = Math.max(decoded.width, decoded.height) > MARK_SHAPE_SIDE ? await shrinkRaster(decoded, MARK_SHAPE_SIDE) : decoded;
  const shapes = [normalise(inkMask(withMargin(raster)))];
  const alpha = raster.transparency?.alpha;
  if (alpha) {
    const mask = new Uint8Array(alpha.length);
    for (let p = 0; p < alpha.length; p++) mask[p] = alpha[p] >= 128 ? 1 : 0;
    shapes.push(normalise({ mask, width: raster.width, height: raster.height }));
  }
  return shapes.filter((s): s is Silhouette => s !== null);
}

/** The same from stored bytes (a mark not indexed yet). */
export async function markSilhouettesOf(bytes: Buffer): Promise<Silhouette[]> {
  return markSilhouettes((await decodeImage(bytes, MARK_SHAPE_SIDE)).raster);
}

/** A see-through mark's ink may touch its edge: a margin of the colour it was flattened on gives inkMask a true border. */
function withMargin(image: RasterImage, margin = 3): RasterImage {
  if (!image.transparency) return image;
  const bg = image.transparency.background;
  const width = image.width + 2 * margin;
  const height = image.height + 2 * margin;
  const data = Buffer.alloc(width * height * 3, bg);
  for (let y = 0; y < image.height; y++) {
    image.data.copy(data, ((y + margin) * width + margin) * 3, y * image.width * 3, (y + 1) * image.width * 3);
  }
  return { data, width, height };
}

/** IoU of the mark's outline with the region's ink at the best rotation and silhouette: 0 when either has none. */
export function shapeAgreement(region: RegionShape, mark: SoftSilhouette[]): number {
  let best = 0;
  for (const turned of region) if (turned) for (const m of mark) best = Math.max(best, iou(turned, m));
  return best;
}
