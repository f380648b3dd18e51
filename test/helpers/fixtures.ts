import sharp from 'sharp';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIMPLE_ICONS = fileURLToPath(new URL('../../node_modules/simple-icons/icons', import.meta.url));

/** A real brand logo from simple-icons, in its brand colour. */
export function logoSvg(slug: string, hex = '000000'): string {
  return readFileSync(join(SIMPLE_ICONS, `${slug}.svg`), 'utf8').replace('<svg ', `<svg fill="#${hex}" `);
}

/** Writes logos as SVG files into dir; returns their paths. */
export function writeLogos(dir: string, slugs: string[]): string[] {
  mkdirSync(dir, { recursive: true });
  return slugs.map((slug) => {
    const p = join(dir, `${slug}.svg`);
    writeFileSync(p, logoSvg(slug));
    return p;
  });
}

/**
 * A photo-like JPEG: the logo printed on a textured surface at the given place and size. `ground`
 * 'stripes' prints it on bold diagonal stripes instead; `strap` lays a thin dark strap (5 px) across
 * the photo, touching the mark's lower edge; `hex` colours the mark.
 */
export async function photoOf(
  slug: string,
  opts: { width?: number; height?: number; left?: number; top?: number; side?: number; rotate?: number; ground?: 'noise' | 'stripes'; strap?: boolean; hex?: string } = {},
): Promise<Buffer> {
  const { width = 640, height = 480, left = 200, top = 120, side = 240, rotate = 0 } = opts;
  const mark = await sharp(Buffer.from(logoSvg(slug, opts.hex)), { density: (72 * side) / 24 })
    .resize(side, side, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .rotate(rotate, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = 170 + ((i * 7919) % 41) - ((i >> 7) % 9);
  const layers: sharp.OverlayOptions[] = [];
  if (opts.ground === 'stripes') layers.push({ input: Buffer.from(stripesSvg(width, height)), left: 0, top: 0 });
  layers.push({ input: mark, left, top });
  if (opts.strap) layers.push({ input: Buffer.from(`<svg width="${width}" height="5"><rect width="${width}" height="5" fill="#2a2a30"/></svg>`), left: 0, top: top + side - 3 });
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .composite(layers)
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** Bold diagonal stripes, 36 px apart, navy on olive: printed fabric or a striped bag. */
function stripesSvg(width: number, height: number): string {
  const stripes = [];
  for (let x = -height; x < width; x += 36) stripes.push(`<polygon points="${x},${height} ${x + 18},${height} ${x + 18 + height},0 ${x + height},0" fill="#1d2a5c"/>`);
  return `<svg width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#8a8a3a"/>${stripes.join('')}</svg>`;
}

/** A PNG whose header claims width x height but carries almost no data: a decompression-bomb stand-in. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
