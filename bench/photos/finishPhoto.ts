// Camera and lighting: optical blur, uneven light, sensor noise, JPEG. Order follows the physics:
// light falls on the scene, the lens blurs, the sensor adds noise, the camera compresses.
import sharp from 'sharp';
import type { Rng } from '../lib/prng';
import type { Canvas } from './canvas';

export interface Finish {
  blurSigma: number;
  /** gaussian noise, in 8-bit levels */
  noiseSigma: number;
  /** brightness factor at the two ends of a linear gradient (1, 1 = even light) */
  lighting: [number, number];
  jpegQuality: number;
}

const TABLE_MASK = (1 << 16) - 1;

function gaussTable(rng: Rng): Float32Array {
  const t = new Float32Array(TABLE_MASK + 1);
  for (let i = 0; i < t.length; i++) t[i] = rng.gauss();
  return t;
}

function applyLighting(rng: Rng, c: Canvas, [k0, k1]: [number, number]): void {
  if (k0 === 1 && k1 === 1) return;
  const a = rng.range(0, 2 * Math.PI);
  const [dx, dy] = [Math.cos(a), Math.sin(a)];
  const span = Math.abs(dx) * c.width + Math.abs(dy) * c.height;
  const offset = Math.min(0, dx * c.width) + Math.min(0, dy * c.height);
  for (let y = 0; y < c.height; y++) {
    for (let x = 0; x < c.width; x++) {
      const t = (x * dx + y * dy - offset) / span;
      const k = k0 + (k1 - k0) * t;
      const i = (y * c.width + x) * 3;
      c.data[i] = c.data[i]! * k;
      c.data[i + 1] = c.data[i + 1]! * k;
      c.data[i + 2] = c.data[i + 2]! * k;
    }
  }
}

export async function finishPhoto(rng: Rng, c: Canvas, finish: Finish): Promise<Buffer> {
  applyLighting(rng, c, finish.lighting);
  const raw = { raw: { width: c.width, height: c.height, channels: 3 as const } };
  let pixels = Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength);
  if (finish.blurSigma >= 0.3) pixels = await sharp(pixels, raw).blur(finish.blurSigma).raw().toBuffer();
  if (finish.noiseSigma > 0) {
    // gaussian samples from a seeded table: per-pixel Box-Muller would double the photo's cost
    const table = gaussTable(rng);
    let k = rng.int(0, table.length - 1);
    const out = new Uint8ClampedArray(pixels.length);
    const s = finish.noiseSigma;
    for (let i = 0; i < pixels.length; i += 3) {
      // mostly luminance noise, a little chroma, like a small sensor
      const l = table[(k += 7919) & TABLE_MASK]! * s;
      out[i] = pixels[i]! + l + table[(k += 104729) & TABLE_MASK]! * s * 0.3;
      out[i + 1] = pixels[i + 1]! + l + table[(k += 1299709) & TABLE_MASK]! * s * 0.3;
      out[i + 2] = pixels[i + 2]! + l + table[(k += 15485863) & TABLE_MASK]! * s * 0.3;
    }
    pixels = Buffer.from(out.buffer);
  }
  return sharp(pixels, raw).jpeg({ quality: finish.jpegQuality, chromaSubsampling: '4:2:0' }).toBuffer();
}
