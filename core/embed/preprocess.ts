import { resizeRaster, resizeToSquare, type RasterImage } from '../image';
import type { ModelSpec } from './modelSpec';

/** How a model wants its pixels: the resize, its padding, and value = pixel x scale, then (value - mean) / std. */
export type PixelSpec = Pick<ModelSpec['input'], 'resize' | 'pad' | 'scale' | 'mean' | 'std'>;

/** Interleaved RGB pixels -> the model's CHW float32 planes. */
function toPlanes(pixels: Buffer, plane: number, spec: PixelSpec): Float32Array {
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const k = spec.scale / spec.std[c];
    const offset = spec.mean[c] / spec.std[c];
    for (let i = 0; i < plane; i++) out[c * plane + i] = pixels[i * 3 + c] * k - offset;
  }
  return out;
}

/** Turns a raster into the model's input tensor layout (one CHW float32 image) at a square `size`. */
export async function toInputTensor(image: RasterImage, spec: PixelSpec, size: number): Promise<Float32Array> {
  const pixels = await resizeToSquare(image, size, spec.resize === 'letterbox' ? 'contain' : 'fill', spec.pad);
  return toPlanes(pixels, size * size, spec);
}

/** The whole photo scaled to `width` x `height` (aspect as given), as one CHW float32 image. */
export async function toScaledTensor(image: RasterImage, spec: PixelSpec, width: number, height: number): Promise<Float32Array> {
  return toPlanes(await resizeRaster(image, width, height), width * height, spec);
}
