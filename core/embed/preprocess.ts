import { resizeToSquare, type RasterImage } from '../image';
import type { ModelSpec } from './modelSpec';

/** Turns a raster into the model's input tensor layout (one CHW float32 image) at a square `size`. */
export async function toInputTensor(image: RasterImage, spec: ModelSpec['input'], size: number): Promise<Float32Array> {
  const pixels = await resizeToSquare(image, size, spec.resize === 'letterbox' ? 'contain' : 'fill', spec.pad);
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const k = spec.scale / spec.std[c];
    const offset = spec.mean[c] / spec.std[c];
    for (let i = 0; i < plane; i++) out[c * plane + i] = pixels[i * 3 + c] * k - offset;
  }
  return out;
}
