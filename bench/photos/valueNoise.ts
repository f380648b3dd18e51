// Smooth random fields for procedural textures: value noise on a random grid, summed over octaves
// (fBm). Cheap, seeded, and enough to suggest fibres, grain and blotches.
import type { Rng } from '../lib/prng';

export type Field = (x: number, y: number) => number;

/** value noise with one random value per `cell`-pixel grid node, smoothly interpolated; 0..1 */
export function valueNoise(rng: Rng, width: number, height: number, cellX: number, cellY = cellX): Field {
  const gx = Math.ceil(width / cellX) + 2;
  const gy = Math.ceil(height / cellY) + 2;
  const grid = new Float32Array(gx * gy);
  for (let i = 0; i < grid.length; i++) grid[i] = rng.next();
  return (x, y) => {
    const fx = x / cellX;
    const fy = y / cellY;
    const ix = Math.floor(fx);
    const iy = Math.floor(fy);
    const tx = fx - ix;
    const ty = fy - iy;
    const sx = tx * tx * (3 - 2 * tx);
    const sy = ty * ty * (3 - 2 * ty);
    const i = iy * gx + ix;
    const a = grid[i]! + (grid[i + 1]! - grid[i]!) * sx;
    const b = grid[i + gx]! + (grid[i + gx + 1]! - grid[i + gx]!) * sx;
    return a + (b - a) * sy;
  };
}

/** fractal sum of octaves, normalised back to 0..1 */
export function fbm(rng: Rng, width: number, height: number, cell: number, octaves: number, stretchX = 1): Field {
  const layers: Field[] = [];
  for (let o = 0; o < octaves; o++) {
    const c = Math.max(1, cell / 2 ** o);
    layers.push(valueNoise(rng, width, height, c * stretchX, c));
  }
  return (x, y) => {
    let sum = 0;
    let norm = 0;
    for (let o = 0; o < layers.length; o++) {
      const amp = 0.5 ** o;
      sum += amp * layers[o]!(x, y);
      norm += amp;
    }
    return sum / norm;
  };
}
