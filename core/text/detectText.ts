import type { RasterImage } from '../image';
import { loadOcrModels, runModel } from './ocrModels';
import { writeTensor, type Rect } from './tensorFromRaster';

export interface TextBox {
  /** In the raster's pixels. */
  rect: Rect;
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

/**
 * DB-net text detection: probability map -> binary mask -> connected blobs -> axis-aligned boxes,
 * grown by the unclip distance (area x ratio / perimeter). Rotated text gets its bounding box.
 */
export async function detectText(image: RasterImage, options: DetectOptions = DEFAULT_DETECT): Promise<TextBox[]> {
  const { det } = await loadOcrModels();
  const scale = Math.min(1, options.maxSide / Math.max(image.width, image.height));
  const w = Math.max(32, Math.round((image.width * scale) / 32) * 32);
  const h = Math.max(32, Math.round((image.height * scale) / 32) * 32);
  const input = new Float32Array(3 * w * h);
  writeTensor(image, [0, 0, image.width, image.height], w, h, input, 0, w, h, MEAN, STD);
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
    let [x0, y0, x1, y1] = [w, h, -1, -1];
    let n = 0;
    let sum = 0;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      n++;
      sum += prob[p];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      const around = [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1];
      for (const q of around) {
        if (q >= 0 && label[q] === 0 && prob[q] > options.threshold) {
          label[q] = next;
          stack.push(q);
        }
      }
    }
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    if (Math.min(bw, bh) < 3 || sum / n < options.boxThreshold) continue;
    const d = (bw * bh * options.unclip) / (2 * (bw + bh));
    const sxr = image.width / w;
    const syr = image.height / h;
    const gx0 = Math.max(0, (x0 - d) * sxr);
    const gy0 = Math.max(0, (y0 - d) * syr);
    const gx1 = Math.min(image.width, (x1 + 1 + d) * sxr);
    const gy1 = Math.min(image.height, (y1 + 1 + d) * syr);
    boxes.push({ rect: [gx0, gy0, gx1 - gx0, gy1 - gy0], score: sum / n });
  }
  return boxes.sort((a, b) => a.rect[1] - b.rect[1] || a.rect[0] - b.rect[0]);
}
