import sharp from 'sharp';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { fileErrorReason } from '../../api/errors';
import { ImageTooLargeError, ImageUnreadableError } from './errors';
import { MAX_INPUT_BYTES, MAX_INPUT_PIXELS, SVG_RENDER_SIDE, WORKING_MAX_SIDE } from './limits';

/** Pixels ready to crop and embed: 8-bit RGB, EXIF orientation applied, transparency flattened (see flattenRgba). */
export interface RasterImage {
  data: Buffer;
  width: number;
  height: number;
  /** Kept when the source had see-through pixels, so a copy can be flattened on another background. */
  transparency?: Transparency;
}

export interface Transparency {
  /** One byte per pixel, 0 = fully transparent. */
  alpha: Buffer;
  /** The grey level `data` was flattened on. */
  background: number;
}

export interface DecodedImage {
  bytes: Buffer;
  sha256: string;
  format: string;
  /** Size of the source as stored (for SVG: its nominal size). */
  width: number;
  height: number;
  raster: RasterImage;
}

export type ImageInput = Buffer | string;

/** Reads a path (with a size check before reading) or passes a buffer through. */
export async function readImageBytes(input: ImageInput): Promise<{ bytes: Buffer; what: string }> {
  if (Buffer.isBuffer(input)) {
    if (input.length > MAX_INPUT_BYTES) throw new ImageTooLargeError('image', `${input.length} bytes > ${MAX_INPUT_BYTES}`);
    return { bytes: input, what: 'image' };
  }
  let size: number;
  try {
    size = (await stat(input)).size;
  } catch (err) {
    throw new ImageUnreadableError(input, fileErrorReason(err));
  }
  if (size > MAX_INPUT_BYTES) throw new ImageTooLargeError(input, `${size} bytes > ${MAX_INPUT_BYTES}`);
  try {
    return { bytes: await readFile(input), what: input };
  } catch (err) {
    throw new ImageUnreadableError(input, fileErrorReason(err));
  }
}

/**
 * Decodes any supported image into a working raster. Rejects empty, corrupt and truncated files and
 * anything over the pixel limit with a named error; never lets sharp's raw message escape alone.
 */
export async function decodeImage(input: ImageInput, maxSide = WORKING_MAX_SIDE): Promise<DecodedImage> {
  const { bytes, what } = await readImageBytes(input);
  if (bytes.length === 0) throw new ImageUnreadableError(what, 'empty file');

  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new ImageUnreadableError(what, shortReason(err));
  }
  const { format } = meta;
  // EXIF orientations 5-8 turn the picture a quarter: report the size the inspector sees
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? meta.height : meta.width;
  const height = turned ? meta.width : meta.height;
  if (!format || !width || !height) throw new ImageUnreadableError(what, 'no image dimensions');
  if (width * height > MAX_INPUT_PIXELS) {
    throw new ImageTooLargeError(what, `${width}x${height} px is over the ${MAX_INPUT_PIXELS / 1e6} MP limit`);
  }

  // Vector marks carry no pixel size worth keeping: render them straight at the size asked for.
  const density = format === 'svg' ? Math.min(72 * (Math.min(maxSide, SVG_RENDER_SIDE) / Math.max(width, height)), 50_000) : undefined;
  try {
    // an opaque source (most photos) comes out as RGB: flattening an added opaque alpha changed nothing and took ~8 ms a photo
    const hasAlpha = meta.hasAlpha === true;
    const pipeline = sharp(bytes, { density, limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: format !== 'svg' })
      .toColourspace('srgb');
    const { data, info } = await (hasAlpha ? pipeline.ensureAlpha() : pipeline.removeAlpha()).raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== (hasAlpha ? 4 : 3)) throw new Error(`unexpected ${info.channels} channels`);
    return {
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      format,
      width,
      height,
      raster: { ...(hasAlpha ? flattenRgba(data) : { data }), width: info.width, height: info.height },
    };
  } catch (err) {
    throw new ImageUnreadableError(what, shortReason(err));
  }
}

/**
 * Drops alpha onto a background. White or pale marks (common for logos drawn for dark sites) would
 * vanish on white, so transparent images whose ink is light go on near-black instead.
 */
function flattenRgba(rgba: Buffer): { data: Buffer; transparency?: Transparency } {
  let bg = 255;
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3] / 255;
    sum += a * (0.2126 * rgba[i] + 0.7152 * rgba[i + 1] + 0.0722 * rgba[i + 2]);
    weight += a;
  }
  if (weight > 0 && sum / weight > 0.8 * 255) bg = 26;
  const out = Buffer.allocUnsafe((rgba.length / 4) * 3);
  const alpha = Buffer.allocUnsafe(rgba.length / 4);
  let seeThrough = false;
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    alpha[i >> 2] = rgba[i + 3];
    if (rgba[i + 3] < 255) seeThrough = true;
    const a = rgba[i + 3] / 255;
    out[j] = Math.round(rgba[i] * a + bg * (1 - a));
    out[j + 1] = Math.round(rgba[i + 1] * a + bg * (1 - a));
    out[j + 2] = Math.round(rgba[i + 2] * a + bg * (1 - a));
  }
  return seeThrough ? { data: out, transparency: { alpha, background: bg } } : { data: out };
}

function shortReason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].replace(/^Input (buffer|file) /, '').slice(0, 160);
}
