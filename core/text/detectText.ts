import type { RasterImage } from '../image';
import { loadOcrModels, runModel } from './ocrModels';
import { boundingRect, orientedFromRect, writeTensor, type OrientedRect, type Rect } from './tensorFromRaster';

export interface TextBox {
  /** In the raster's pixels: the axis-aligned box around `line`. */
  rect: Rect;
  /** The line along its own axis (tilted text is read level), in the raster's pixels. */
  line: OrientedRect;
  /** Mean text probability inside the detected blob. */
  score: number;
}

export interface DetectOptions {
  /** Longer side the photo is resized to for detection (a multiple of 32 is used). */
  maxSide: number;
  /** Pixel probability above which a pixel is text (PaddleOCR det_db_thresh). */
  threshold: number;
  /** Mean probability a blob needs to count (det_db_box_thresh). */
  boxThreshold: number;
  /** How far a blob's box is grown (det_db_unclip_ratio): DB-net predicts shrunk text kernels. */
  unclip: number;
}

export const DEFAULT_DETECT: DetectOptions = { maxSide: 640, threshold: 0.3, boxThreshold: 0.5, unclip: 1.6 };

// BGR order, as PaddleOCR's NormalizeImage is applied to cv2's BGR pixels
const MEAN = [0.406, 0.456, 0.485] as const;
const STD = [0.225, 0.224, 0.229] as const;

/** A blob must be this much longer than thick before its tilt is trusted (round blobs have no axis). */
const MIN_ELONGATION = 1.5;
/** Tilts below this are read as level: the axis-aligned cut is exact there. */
const MIN_TILT = (3 * Math.PI) / 180;

/**
 * DB-net text detection: probability map -> binary mask -> connected blobs -> each blob's rectangle
 * along its principal axis (second moments), grown by the unclip distance (area x ratio / perimeter).
 */
export async function detectText(image: RasterImage, options: DetectOptions = DEFAULT_DETECT): Promise<TextBox[]> {
  const { det } = await loadOcrModels();
  const scale = Math.min(1, options.maxSide / Math.max(image.width, image.height));
  const w = Math.max(32, Math.round((image.width * scale) / 32) * 32);
  const h = Math.max(32, Math.round((image.height * scale) / 32) * 32);
  const input = new Float32Array(3 * w * h);
  writeTensor(image, orientedFromRect([0, 0, image.width, image.height]), w, h, input, 0, w, h, MEAN, STD);
  const { data: prob } = await runModel(det, input, [1, 3, h, w]);

  const label = new Int32Array(w * h);
  const stack: number[] = [];
  const boxes: TextBox[] = [];
  let next = 0;
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== 0 || prob[start] <= options.threshold) continue;
    next++;
    label[start] = next;
    stack.push(start);
    const members: number[] = [];
    let sum = 0;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      members.push(p);
      sum += prob[p];
      const around = [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1];
      for (const q of around) {
        if (q >= 0 && label[q] === 0 && prob[q] > options.threshold) {
          label[q] = next;
          stack.push(q);
        }
      }
    }
    if (sum / members.length < options.boxThreshold) continue;
    const blob = orientedBlob(members, w);
    if (Math.min(blob.width, blob.height) < 3) continue;
    const d = (blob.width * blob.height * options.unclip) / (2 * (blob.width + blob.height));
    const grown = toRaster({ ...blob, width: blob.width + 2 * d, height: blob.height + 2 * d }, image.width / w, image.height / h);
    const rect = boundingRect(grown, image.width, image.height);
    // a level line is cut inside the photo (no smeared border); a tilted one keeps its own frame
    boxes.push({ rect, line: grown.angle === 0 ? orientedFromRect(rect) : grown, score: sum / members.length });
  }
  return boxes.sort((a, b) => a.rect[1] - b.rect[1] || a.rect[0] - b.rect[0]);
}

/** A blob's rectangle (in map pixels) along its principal axis; level when the blob is round or nearly level. */
function orientedBlob(members: number[], w: number): OrientedRect {
  let mx = 0;
  let my = 0;
  for (const p of members) {
    mx += p % w;
    my += Math.floor(p / w);
  }
  mx /= members.length;
  my /= members.length;
  let cxx = 0;
  let cyy = 0;
  let cxy = 0;
  for (const p of members) {
    const dx = (p % w) - mx;
    const dy = Math.floor(p / w) - my;
    cxx += dx * dx;
    cyy += dy * dy;
    cxy += dx * dy;
  }
  // major axis angle in (-90, 90] degrees, and the eigenvalue ratio that says whether it means anything
  let angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
  const spread = Math.sqrt(((cxx - cyy) / 2) ** 2 + cxy * cxy);
  const major = (cxx + cyy) / 2 + spread;
  const minor = Math.max(1e-9, (cxx + cyy) / 2 - spread);
  if (Math.abs(angle) < MIN_TILT || major / minor < MIN_ELONGATION ** 2) angle = 0;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  let [a0, a1, b0, b1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of members) {
    const dx = (p % w) - mx;
    const dy = Math.floor(p / w) - my;
    const a = dx * cos + dy * sin;
    const b = -dx * sin + dy * cos;
    if (a < a0) a0 = a;
    if (a > a1) a1 = a;
    if (b < b0) b0 = b;
    if (b > b1) b1 = b;
  }
  // pixel centres span (count - 1): a pixel covers half a pixel either side
  const ac = (a0 + a1) / 2;
  const bc = (b0 + b1) / 2;
  return { cx: mx + 0.5 + ac * cos - bc * sin, cy: my + 0.5 + ac * sin + bc * cos, width: a1 - a0 + 1, height: b1 - b0 + 1, angle };
}

/** Map pixels -> raster pixels; the map may be scaled a little differently along x and y. */
function toRaster(r: OrientedRect, sx: number, sy: number): OrientedRect {
  const ux = Math.cos(r.angle) * sx;
  const uy = Math.sin(r.angle) * sy;
  const vx = -Math.sin(r.angle) * sx;
  const vy = Math.cos(r.angle) * sy;
  return { cx: r.cx * sx, cy: r.cy * sy, width: r.width * Math.hypot(ux, uy), height: r.height * Math.hypot(vx, vy), angle: Math.atan2(uy, ux) };
}
