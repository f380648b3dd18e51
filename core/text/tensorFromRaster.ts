import type { RasterImage } from '../image';

export type Rect = [number, number, number, number]; // x, y, width, height

/**
 * Samples `rect` of an RGB raster bilinearly into a `width` x `height` NCHW float tensor written at
 * `offset` of `out` (row stride `strideW`, so narrower crops can sit left-aligned in a wider batch),
 * channels in BGR order as PaddleOCR was trained, normalised per channel: (v / 255 - mean) / std.
 */
export function writeTensor(
  image: RasterImage,
  rect: Rect,
  width: number,
  height: number,
  out: Float32Array,
  offset: number,
  strideW: number,
  strideH: number,
  mean: readonly [number, number, number],
  std: readonly [number, number, number],
): void {
  const [rx, ry, rw, rh] = rect;
  const sx = rw / width;
  const sy = rh / height;
  const plane = strideW * strideH;
  const { data, width: iw, height: ih } = image;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(ih - 1, Math.max(0, ry + (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(ih - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(iw - 1, Math.max(0, rx + (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(iw - 1, x0 + 1);
      const wx = fx - x0;
      const a = (y0 * iw + x0) * 3;
      const b = (y0 * iw + x1) * 3;
      const c = (y1 * iw + x0) * 3;
      const d = (y1 * iw + x1) * 3;
      const o = offset + y * strideW + x;
      for (let ch = 0; ch < 3; ch++) {
        const v = (data[a + ch] * (1 - wx) + data[b + ch] * wx) * (1 - wy) + (data[c + ch] * (1 - wx) + data[d + ch] * wx) * wy;
        const bgr = 2 - ch; // R goes to plane 2
        out[o + bgr * plane] = (v / 255 - mean[bgr]) / std[bgr];
      }
    }
  }
}
