// Procedural surfaces of goods: woven fabric, striped textile, cardboard, leather, glossy plastic,
// paper labels. Each is a base colour times a few noise/pattern fields; the point is that the
// mark sits on texture and shading like on a real product, not on a flat synthetic colour.
import type { Rng } from '../lib/prng';
import { createCanvas, type Canvas, type Rgb } from './canvas';
import { fbm, type Field } from './valueNoise';

export const SURFACES = ['fabric', 'stripes', 'cardboard', 'leather', 'plastic', 'paper'] as const;
export type Surface = (typeof SURFACES)[number];

type Shade = (x: number, y: number) => Rgb;

const FABRIC: Rgb[] = [[28, 36, 62], [30, 30, 32], [120, 122, 126], [150, 30, 40], [80, 90, 50], [60, 90, 140], [210, 200, 180], [235, 235, 232]];
const LEATHER: Rgb[] = [[70, 40, 22], [25, 20, 18], [150, 100, 60], [110, 30, 30], [200, 170, 130]];
const PLASTIC: Rgb[] = [[230, 230, 232], [20, 20, 24], [200, 40, 40], [30, 90, 180], [240, 200, 40], [60, 160, 90]];

function jitter(rng: Rng, [r, g, b]: Rgb, amount: number): Rgb {
  return [r + rng.range(-amount, amount), g + rng.range(-amount, amount), b + rng.range(-amount, amount)];
}

const scale = ([r, g, b]: Rgb, k: number): Rgb => [r * k, g * k, b * k];

function weave(rng: Rng, w: number, h: number, base: Rgb): Shade {
  const period = rng.range(2.5, 6);
  const twill = rng.chance(0.5);
  const slub = fbm(rng, w, h, 40, 3, 4);
  return (x, y) => {
    const u = twill ? x + y : x;
    const v = twill ? x - y : y;
    const over = (Math.floor(u / period) + Math.floor(v / period)) % 2 === 0;
    const thread = over ? Math.sin((Math.PI * (u % period)) / period) : Math.sin((Math.PI * (v % period)) / period);
    return scale(base, 0.78 + 0.2 * Math.abs(thread) + 0.15 * (slub(x, y) - 0.5));
  };
}

function stripes(rng: Rng, w: number, h: number): Shade {
  const colours = [0, 1, 2].map(() => jitter(rng, rng.pick(FABRIC), 20));
  const widths = colours.map(() => rng.range(8, 45));
  const total = widths.reduce((a, b) => a + b, 0);
  const angle = rng.pick([0, Math.PI / 2, Math.PI / 4, -Math.PI / 4]);
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  const cloth = weave(rng, w, h, [255, 255, 255]);
  return (x, y) => {
    let t = (((x * c + y * s) % total) + total) % total;
    let i = 0;
    while (t > widths[i]! && i < widths.length - 1) t -= widths[i++]!;
    const k = cloth(x, y)[0] / 255;
    return scale(colours[i]!, k);
  };
}

function cardboard(rng: Rng, w: number, h: number): Shade {
  const base = jitter(rng, [182, 142, 98], 18);
  const fibres = fbm(rng, w, h, 6, 2, 6);
  const blotches = fbm(rng, w, h, 120, 3);
  const flutes = rng.chance(0.5) ? rng.range(10, 18) : 0;
  return (x, y) => {
    const flute = flutes ? 0.04 * Math.sin((2 * Math.PI * y) / flutes) : 0;
    return scale(base, 0.86 + 0.16 * fibres(x, y) + 0.18 * (blotches(x, y) - 0.5) + flute);
  };
}

function leather(rng: Rng, w: number, h: number): Shade {
  const base = jitter(rng, rng.pick(LEATHER), 12);
  const grain = fbm(rng, w, h, 5, 2);
  const creases = fbm(rng, w, h, 60, 3);
  return (x, y) => {
    const g = grain(x, y);
    const pore = g < 0.3 ? 0.85 : 1;
    return scale(base, pore * (0.85 + 0.25 * g) * (0.9 + 0.25 * Math.abs(creases(x, y) - 0.5)));
  };
}

function plastic(rng: Rng, w: number, h: number): Shade {
  const base = jitter(rng, rng.pick(PLASTIC), 10);
  const [hx, hy] = [rng.range(0, w), rng.range(0, h)];
  const spread = rng.range(0.2, 0.5) * Math.max(w, h);
  const speckle = fbm(rng, w, h, 3, 1);
  return (x, y) => {
    const d2 = ((x - hx) ** 2 + (y - hy) ** 2) / (spread * spread);
    const highlight = 60 * Math.exp(-d2);
    const [r, g, b] = scale(base, 0.95 + 0.06 * speckle(x, y));
    return [r + highlight, g + highlight, b + highlight];
  };
}

function paper(rng: Rng, w: number, h: number): Shade {
  const base = jitter(rng, [238, 236, 228], 8);
  const fibre = fbm(rng, w, h, 4, 2);
  return (x, y) => scale(base, 0.95 + 0.06 * fibre(x, y));
}

function surfaceShade(rng: Rng, surface: Surface, w: number, h: number): Shade {
  switch (surface) {
    case 'fabric':
      return weave(rng, w, h, jitter(rng, rng.pick(FABRIC), 15));
    case 'stripes':
      return stripes(rng, w, h);
    case 'cardboard':
      return cardboard(rng, w, h);
    case 'leather':
      return leather(rng, w, h);
    case 'plastic':
      return plastic(rng, w, h);
    case 'paper':
      return paper(rng, w, h);
  }
}

/**
 * A product surface filling the frame; sometimes a second surface (table, shelf) shows past a
 * straight product edge, as in a photo of goods on an inspection bench.
 */
export function paintBackground(rng: Rng, w: number, h: number, surface: Surface): Canvas {
  const canvas = createCanvas(w, h);
  const main = surfaceShade(rng, surface, w, h);
  const edge = rng.chance(0.35) ? { shade: surfaceShade(rng, rng.pick(SURFACES), w, h), nx: rng.range(-1, 1), ny: rng.range(-1, 1), c: 0 } : null;
  if (edge) {
    const norm = Math.hypot(edge.nx, edge.ny) || 1;
    edge.nx /= norm;
    edge.ny /= norm;
    // the edge line passes near a frame border so the goods still fill most of the frame
    edge.c = (edge.nx * w + edge.ny * h) / 2 + rng.range(0.3, 0.45) * (Math.abs(edge.nx) * w + Math.abs(edge.ny) * h);
  }
  const light: Field = fbm(rng, w, h, Math.max(w, h) / 2, 2);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const outside = edge && x * edge.nx + y * edge.ny > edge.c;
      const [r, g, b] = (outside ? edge.shade : main)(x, y);
      const k = 0.92 + 0.16 * light(x, y);
      const i = (y * w + x) * 3;
      canvas.data[i] = r * k;
      canvas.data[i + 1] = g * k;
      canvas.data[i + 2] = b * k;
    }
  }
  return canvas;
}
