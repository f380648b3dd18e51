import sharp from 'sharp';
import type { RasterImage } from './decodeImage';

/** A rectangle in raster pixels: [x, y, width, height]. */
export type Box = [number, number, number, number];

/** Pixel indices of a w x h image's outer ring, each once. */
export function borderPixels(w: number, h: number): number[] {
  const border: number[] = [];
  for (let x = 0; x < w; x++) border.push(x, (h - 1) * w + x);
  for (let y = 1; y < h - 1; y++) border.push(y * w, y * w + w - 1);
  return border;
}

/** Clamps a box to the raster; returns null when nothing of it is inside. */
export function clampBox(box: Box, width: number, height: number): Box | null {
  const x0 = Math.max(0, Math.floor(box[0]));
  const y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(width, Math.ceil(box[0] + box[2]));
  const y1 = Math.min(height, Math.ceil(box[1] + box[3]));
  return x1 - x0 >= 2 && y1 - y0 >= 2 ? [x0, y0, x1 - x0, y1 - y0] : null;
}

/** The box grown on every side by `fraction` of its longer side (unclamped): a mark with some surface around it, as the model saw marks in training. */
export function withMargin(box: Box, fraction: number): Box {
  const m = fraction * Math.max(box[2], box[3]);
  return [box[0] - m, box[1] - m, box[2] + 2 * m, box[3] + 2 * m];
}

/** Intersection over union of two boxes (x, y, width, height). */
export function iou(a: Box, b: Box): number {
  const x0 = Math.max(a[0], b[0]);
  const y0 = Math.max(a[1], b[1]);
  const x1 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y1 = Math.min(a[1] + a[3], b[1] + b[3]);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return inter / (a[2] * a[3] + b[2] * b[3] - inter);
}

export async function cropRaster(image: RasterImage, box: Box): Promise<RasterImage> {
  const [left, top, width, height] = box;
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .extract({ left, top, width, height })
    .raw()
    .toBuffer();
  return { data, width, height };
}

/** The box's pixels scaled (up or down) so the longer side is `side`, aspect kept; lanczos3 as `resizeToSquare`. */
export async function fitRegion(image: RasterImage, box: Box, side: number): Promise<RasterImage> {
  const [left, top, width, height] = box;
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .extract({ left, top, width, height })
    .resize({ width: side, height: side, fit: 'inside', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Resizes to size x size RGB: 'contain' keeps the aspect and pads with `pad`, 'fill' stretches. */
export function resizeToSquare(
  image: RasterImage,
  size: number,
  fit: 'contain' | 'fill',
  pad: readonly [number, number, number],
): Promise<Buffer> {
  return resizeRaster(image, size, size, fit, pad);
}

/** Resizes to `width` x `height` RGB: 'fill' (the default) stretches, 'contain' keeps the aspect and pads with `pad`. */
export async function resizeRaster(
  image: RasterImage,
  width: number,
  height: number,
  fit: 'contain' | 'fill' = 'fill',
  pad: readonly [number, number, number] = [255, 255, 255],
): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize({ width, height, fit, background: { r: pad[0], g: pad[1], b: pad[2] }, kernel: 'lanczos3' })
    .raw()
    .toBuffer();
}

/** A small copy for analysis (region proposals): longer side `maxSide`, aspect kept. */
export async function shrinkRaster(image: RasterImage, maxSide: number): Promise<RasterImage> {
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize({ width: maxSide, height: maxSide, fit: 'inside', kernel: 'cubic' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The same image on another background. Exact up to rounding: `data` is ink*a + old*(1-a), so
 * swapping the background term needs only alpha. Null when the image has no see-through pixels.
 */
export function reflatten(image: RasterImage, background: number): RasterImage | null {
  const t = image.transparency;
  if (!t) return null;
  const data = Buffer.allocUnsafe(image.data.length);
  const shift = background - t.background;
  for (let p = 0, j = 0; p < t.alpha.length; p++, j += 3) {
    const delta = shift * (1 - t.alpha[p] / 255);
    for (let c = 0; c < 3; c++) data[j + c] = Math.min(255, Math.max(0, Math.round(image.data[j + c] + delta)));
  }
  return { data, width: image.width, height: image.height, transparency: { alpha: t.alpha, background } };
}
