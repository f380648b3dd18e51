// Marks that are not in the gallery, for measuring false flags: random geometric emblems and
// random wordmarks in the fonts installed here. Made from scratch so they can never be a
// package logo; a wordmark whose letters spell a gallery brand is redrawn.
import type { Rng } from '../lib/prng';
import { compactName } from '../gallery/brandKey';

const FONTS = ['DejaVu Sans', 'DejaVu Serif', 'Liberation Sans', 'Liberation Serif', 'Liberation Mono', 'DejaVu Sans Mono', 'Liberation Sans Narrow'];
const PALETTE = ['#d62828', '#003049', '#f77f00', '#fcbf49', '#2a9d8f', '#264653', '#e76f51', '#6a4c93', '#1d3557', '#111111', '#0077b6', '#588157', '#9d0208', '#ffffff'];

function colour(rng: Rng, not?: string): string {
  let c = rng.pick(PALETTE);
  while (c === not) c = rng.pick(PALETTE);
  return c;
}

function polygon(cx: number, cy: number, r: number, n: number, rot: number, inner = 0): string {
  const pts: string[] = [];
  const steps = inner > 0 ? n * 2 : n;
  for (let i = 0; i < steps; i++) {
    const rr = inner > 0 && i % 2 === 1 ? r * inner : r;
    const a = rot + (2 * Math.PI * i) / steps;
    pts.push(`${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(' ');
}

/** one random shape in a 200x200 box */
function shape(rng: Rng, fill: string): string {
  const cx = rng.range(60, 140);
  const cy = rng.range(60, 140);
  const r = rng.range(25, 80);
  switch (rng.int(0, 6)) {
    case 0:
      return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}"/>`;
    case 1:
      return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${fill}" stroke-width="${rng.range(6, 20)}"/>`;
    case 2:
      return `<rect x="${cx - r}" y="${cy - r * 0.7}" width="${2 * r}" height="${1.4 * r}" rx="${rng.range(0, r / 2)}" fill="${fill}" transform="rotate(${rng.range(-45, 45)} ${cx} ${cy})"/>`;
    case 3:
      return `<polygon points="${polygon(cx, cy, r, rng.int(3, 8), rng.range(0, 6))}" fill="${fill}"/>`;
    case 4:
      return `<polygon points="${polygon(cx, cy, r, rng.int(4, 9), rng.range(0, 6), rng.range(0.35, 0.6))}" fill="${fill}"/>`;
    case 5: {
      // chevron / swoosh-like stroke
      const w = rng.range(8, 22);
      return `<path d="M${cx - r},${cy - r / 2} Q${cx},${cy + r * rng.range(0.2, 1)} ${cx + r},${cy - r}" fill="none" stroke="${fill}" stroke-width="${w}" stroke-linecap="round"/>`;
    }
    default: {
      const n = rng.int(2, 4);
      const bars: string[] = [];
      for (let i = 0; i < n; i++) bars.push(`<rect x="${cx - r + (i * 2 * r) / n}" y="${cy - r * rng.range(0.3, 1)}" width="${(1.4 * r) / n}" height="${r * rng.range(0.8, 1.6)}" fill="${fill}"/>`);
      return bars.join('');
    }
  }
}

export function geometricMarkSvg(rng: Rng): string {
  const a = colour(rng, '#ffffff');
  const b = colour(rng, a);
  const parts = [shape(rng, a)];
  for (let i = rng.int(0, 2); i > 0; i--) parts.push(shape(rng, rng.chance(0.6) ? b : a));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200">${parts.join('')}</svg>`;
}

const ONSETS = ['b', 'k', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'tr', 'st', 'pl', 'qu', 'x'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'y', 'ou', 'ea'];

export function randomWord(rng: Rng): string {
  let word = '';
  for (let i = rng.int(2, 4); i > 0; i--) word += rng.pick(ONSETS) + rng.pick(VOWELS);
  if (rng.chance(0.4)) word += rng.pick(['n', 'x', 'r', 's', 'k', 'l']);
  return word;
}

export function wordmarkSvg(rng: Rng, forbidden: ReadonlySet<string>): string {
  let word = randomWord(rng);
  while (forbidden.has(compactName(word))) word = randomWord(rng);
  const styled = rng.pick([word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1), word]);
  const font = rng.pick(FONTS);
  const size = 100;
  const width = Math.ceil(styled.length * size * 0.72) + 40;
  const fill = colour(rng, '#ffffff');
  const emblem = rng.chance(0.4);
  const x = emblem ? 150 : 20;
  const weight = rng.pick(['normal', 'bold']);
  const style = rng.chance(0.25) ? 'italic' : 'normal';
  const spacing = rng.range(-4, 12).toFixed(1);
  const mark = emblem ? `<g transform="translate(0,10) scale(0.65)">${shape(rng, colour(rng, '#ffffff'))}</g>` : '';
  const underline = rng.chance(0.3) ? `<rect x="${x}" y="${size * 1.15}" width="${width - 60}" height="8" fill="${fill}"/>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width + x}" height="${size * 1.5}" viewBox="0 0 ${width + x} ${size * 1.5}">` +
    `${mark}<text x="${x}" y="${size}" font-family="${font}" font-size="${size}" font-weight="${weight}" font-style="${style}" letter-spacing="${spacing}" fill="${fill}">${styled}</text>${underline}</svg>`
  );
}

export function negativeMarkSvg(rng: Rng, forbidden: ReadonlySet<string>): { svg: string; style: 'geometric' | 'wordmark' } {
  return rng.chance(0.5) ? { svg: geometricMarkSvg(rng), style: 'geometric' } : { svg: wordmarkSvg(rng, forbidden), style: 'wordmark' };
}
