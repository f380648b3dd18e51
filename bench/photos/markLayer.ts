// A mark as a layer to paste: rendered at the size it will appear, trimmed to its ink (so
// "30% of the frame" means the drawing, not the package's padding), optionally recoloured.
import type { Rng } from '../lib/prng';
import { rasteriseSvg, type Rgba } from '../lib/rasteriseSvg';
import { luminance, type Rgb } from './canvas';

export type Recolour = 'none' | 'single-colour' | 'inverted' | 'low-contrast' | 'embossed';

/** crop to the bounding box of pixels with alpha above a small threshold */
export function trimAlpha(img: Rgba): Rgba {
  let [x0, y0, x1, y1] = [img.width, img.height, -1, -1];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[(y * img.width + x) * 4 + 3]! > 8) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return img;
  const width = x1 - x0 + 1;
  const height = y1 - y0 + 1;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    img.data.copy(data, y * width * 4, ((y + y0) * img.width + x0) * 4, ((y + y0) * img.width + x1 + 1) * 4);
  }
  return { data, width, height };
}

/** Render so the trimmed ink's longer side is about `longSide` px (one retry corrects for padding). */
export async function renderMarkLayer(svg: string, longSide: number): Promise<Rgba> {
  const first = trimAlpha(await rasteriseSvg(svg, longSide));
  const inkSide = Math.max(first.width, first.height);
  if (inkSide >= longSide * 0.9) return first;
  const scaled = Math.min(longSide * 8, Math.round((longSide * longSide) / Math.max(1, inkSide)));
  return trimAlpha(await rasteriseSvg(svg, scaled));
}

/**
 * Recolour in place. single-colour: one ink (a one-colour print of a colour logo); inverted: the
 * negative; low-contrast: ink a few levels off the surface colour. Embossing happens at draw time.
 */
export function recolourLayer(img: Rgba, mode: Recolour, rng: Rng, surface: Rgb): void {
  if (mode === 'none' || mode === 'embossed') return;
  let ink: Rgb = [0, 0, 0];
  if (mode === 'single-colour') {
    const dark = luminance(surface) > 110;
    ink = dark ? [rng.range(0, 70), rng.range(0, 70), rng.range(0, 70)] : [rng.range(190, 255), rng.range(190, 255), rng.range(170, 255)];
    if (rng.chance(0.3)) ink = rng.pick<Rgb>([[200, 170, 60], [180, 180, 185], [170, 30, 30], [20, 60, 150]]);
  } else if (mode === 'low-contrast') {
    const delta = rng.range(18, 35) * (luminance(surface) > 128 ? -1 : 1);
    ink = [surface[0] + delta, surface[1] + delta, surface[2] + delta];
  }
  for (let i = 0; i < img.data.length; i += 4) {
    if (mode === 'inverted') {
      img.data[i] = 255 - img.data[i]!;
      img.data[i + 1] = 255 - img.data[i + 1]!;
      img.data[i + 2] = 255 - img.data[i + 2]!;
    } else {
      img.data[i] = ink[0];
      img.data[i + 1] = ink[1];
      img.data[i + 2] = ink[2];
    }
  }
}
