import sharp from 'sharp';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { ImageTooLargeError, ImageUnreadableError } from './errors';
import { MAX_INPUT_BYTES, MAX_INPUT_PIXELS, SVG_RENDER_SIDE, WORKING_MAX_SIDE } from './limits';

/** Pixels ready to crop and embed: 8-bit RGB, EXIF orientation applied, transparency flattened on white. */
export interface RasterImage {
  data: Buffer;
  width: number;
  height: number;
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

const WHITE = { r: 255, g: 255, b: 255 };

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
    throw new ImageUnreadableError(input, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err));
  }
  if (size > MAX_INPUT_BYTES) throw new ImageTooLargeError(input, `${size} bytes > ${MAX_INPUT_BYTES}`);
  return { bytes: await readFile(input), what: input };
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

  // Vector marks carry no pixel size worth keeping: render them at a density that gives SVG_RENDER_SIDE px.
  const density = format === 'svg' ? Math.min(72 * (SVG_RENDER_SIDE / Math.max(width, height)), 50_000) : undefined;
  try {
    const { data, info } = await sharp(bytes, { density, limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .flatten({ background: WHITE })
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: format !== 'svg' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    return {
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      format,
      width,
      height,
      raster: { data, width: info.width, height: info.height },
    };
  } catch (err) {
    throw new ImageUnreadableError(what, shortReason(err));
  }
}

function shortReason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].replace(/^Input (buffer|file) /, '').slice(0, 160);
}
