// The photo being built: 8-bit RGB, row-major. Plain arrays rather than sharp pipelines because
// compositing warped, recoloured marks pixel by pixel is simplest (and fast enough) in JS.
export interface Canvas {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel */
  data: Uint8ClampedArray;
}

export function createCanvas(width: number, height: number): Canvas {
  return { width, height, data: new Uint8ClampedArray(width * height * 3) };
}

export type Rgb = [number, number, number];

export function luminance([r, g, b]: Rgb): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** mean colour of a rectangle (clamped to the canvas) */
export function meanColour(c: Canvas, x0: number, y0: number, w: number, h: number): Rgb {
  const sum: Rgb = [0, 0, 0];
  let n = 0;
  const x1 = Math.min(c.width, Math.max(0, Math.round(x0 + w)));
  const y1 = Math.min(c.height, Math.max(0, Math.round(y0 + h)));
  for (let y = Math.max(0, Math.round(y0)); y < y1; y += 2) {
    for (let x = Math.max(0, Math.round(x0)); x < x1; x += 2) {
      const i = (y * c.width + x) * 3;
      sum[0] += c.data[i]!;
      sum[1] += c.data[i + 1]!;
      sum[2] += c.data[i + 2]!;
      n++;
    }
  }
  return n ? [sum[0] / n, sum[1] / n, sum[2] / n] : [128, 128, 128];
}
