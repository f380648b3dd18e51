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
  const fits = spec.resize === 'letterbox' && Math.max(image.width, image.height) === size;
  const pixels = fits ? padToSquare(image, size, spec.pad) : await resizeToSquare(image, size, spec.resize === 'letterbox' ? 'contain' : 'fill', spec.pad);
  return toPlanes(pixels, size * size, spec);
}

/** Where sharp's 'contain' letterbox puts a width x height image in a size x size square: scale, offsets (floored). */
export function letterboxPlacement(width: number, height: number, size: number): { scale: number; left: number; top: number } {
  const scale = size / Math.max(width, height);
  return {
    scale,
    left: Math.floor((size - Math.round(width * scale)) / 2),
    top: Math.floor((size - Math.round(height * scale)) / 2),
  };
}

/**
 * A raster whose longer side is already `size` (query regions are cut at it), centred on `pad` as sharp's
 * 'contain' places it (byte-identical, tested) without a sharp call.
 */
function padToSquare(image: RasterImage, size: number, pad: readonly [number, number, number]): Buffer {
  const out = Buffer.alloc(size * size * 3, pad[0]);
  if (pad[1] !== pad[0] || pad[2] !== pad[0]) for (let i = 0; i < size * size; i++) out.set(pad, i * 3);
  const { left, top } = letterboxPlacement(image.width, image.height, size);
  const row = image.width * 3;
  for (let y = 0; y < image.height; y++) image.data.copy(out, ((top + y) * size + left) * 3, y * row, (y + 1) * row);
  return out;
}

/** The whole photo scaled to `width` x `height` (aspect as given), as one CHW float32 image. */
export async function toScaledTensor(image: RasterImage, spec: PixelSpec, width: number, height: number): Promise<Float32Array> {
  return toPlanes(await resizeRaster(image, width, height), width * height, spec);
}
