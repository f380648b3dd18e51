// Photo-like test images for verification tests: a mark (RGBA, e.g. a gallery PNG) warped
// through a known homography onto a cluttered background, JPEG-compressed. The truth (quad and box)
// is returned with the photo. Independent of the bench team's generator on purpose: tests need a
// small, deterministic source of warped copies with exactly known geometry.
import sharp from 'sharp';
import { loadOpenCv } from '../../core/verify/opencv';
import type { Point } from '../../core/verify/matchFeatures';
import { createRng, type Rng } from '../../bench/lib/prng';

export interface SynthOptions {
  width?: number;
  height?: number;
  /** Long side of the mark in the photo, as a fraction of the photo's shorter side. */
  markScale?: number;
  angleDeg?: number;
  /** 0..0.4: how much one side is squeezed to fake a tilted view. */
  perspective?: number;
  clutter?: number;
  jpegQuality?: number;
  blur?: number;
  seed?: number;
}

export interface SynthPhoto {
  jpeg: Buffer;
  quad: Point[];
  box: [number, number, number, number];
}

async function rgba(input: Buffer | string): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(input).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function background(rng: Rng, width: number, height: number, clutter: number): Buffer {
  const px = Buffer.alloc(width * height * 3);
  const c0 = [rng.range(40, 230), rng.range(40, 230), rng.range(40, 230)];
  const c1 = [rng.range(40, 230), rng.range(40, 230), rng.range(40, 230)];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      const n = (rng.next() - 0.5) * 16;
      for (let c = 0; c < 3; c++) px[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, c0[c] * (1 - t) + c1[c] * t + n));
    }
  }
  for (let k = 0; k < clutter; k++) {
    const w = rng.range(10, width / 4);
    const h = rng.range(4, height / 6);
    const x0 = rng.range(0, width - w);
    const y0 = rng.range(0, height - h);
    const col = [rng.range(0, 255), rng.range(0, 255), rng.range(0, 255)];
    for (let y = Math.floor(y0); y < y0 + h; y++) {
      for (let x = Math.floor(x0); x < x0 + w; x++) for (let c = 0; c < 3; c++) px[(y * width + x) * 3 + c] = col[c];
    }
  }
  return px;
}

/** Places the mark (an image with alpha, or on white) in a synthetic photo under a known homography. */
export async function synthPhoto(mark: Buffer | string, options: SynthOptions = {}): Promise<SynthPhoto> {
  const { cv } = await loadOpenCv();
  const rng = createRng(options.seed ?? 1);
  const width = options.width ?? 800;
  const height = options.height ?? 600;
  const layer = await rgba(mark);
  const long = (options.markScale ?? 0.5) * Math.min(width, height);
  const k = long / Math.max(layer.width, layer.height);
  const hw = (layer.width * k) / 2;
  const hh = (layer.height * k) / 2;
  const a = ((options.angleDeg ?? 0) * Math.PI) / 180;
  const squeeze = options.perspective ?? 0;
  const cx = width / 2 + rng.range(-0.15, 0.15) * width;
  const cy = height / 2 + rng.range(-0.15, 0.15) * height;
  const local: Point[] = [[-hw * (1 - squeeze), -hh], [hw * (1 - squeeze), -hh], [hw, hh], [-hw, hh]];
  const quad = local.map(([x, y]) => [cx + x * Math.cos(a) - y * Math.sin(a), cy + x * Math.sin(a) + y * Math.cos(a)] as Point);

  const src = cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, layer.width, 0, layer.width, layer.height, 0, layer.height]);
  const dst = cv.matFromArray(4, 1, cv.CV_32FC2, quad.flat());
  const h = cv.getPerspectiveTransform(src, dst);
  const layerMat = new cv.Mat(layer.height, layer.width, cv.CV_8UC4);
  (layerMat.data as Uint8Array).set(layer.data);
  const warped = new cv.Mat();
  cv.warpPerspective(layerMat, warped, h, new cv.Size(width, height), cv.INTER_LINEAR, cv.BORDER_CONSTANT, new cv.Scalar(0, 0, 0, 0));
  const w = warped.data as Uint8Array;
  const px = background(rng, width, height, options.clutter ?? 12);
  for (let i = 0, j = 0; i < w.length; i += 4, j += 3) {
    const al = w[i + 3] / 255;
    if (al > 0) for (let c = 0; c < 3; c++) px[j + c] = px[j + c] * (1 - al) + w[i + c] * al;
  }
  for (const m of [src, dst, h, layerMat, warped]) m.delete();
  let img = sharp(px, { raw: { width, height, channels: 3 } });
  if (options.blur) img = img.blur(options.blur);
  const jpeg = await img.jpeg({ quality: options.jpegQuality ?? 85 }).toBuffer();
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const box: [number, number, number, number] = [Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
  return { jpeg, quad, box };
}
