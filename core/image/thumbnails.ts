import sharp from 'sharp';
import { MAX_INPUT_PIXELS, SVG_RENDER_SIDE } from './limits';

/**
 * A PNG no larger than `maxSide` for display: EXIF orientation applied, SVG rendered sharp, alpha kept.
 * Callers pass bytes that already passed decodeImage's checks (or stored mark images).
 */
export async function thumbnailPng(bytes: Buffer, maxSide: number): Promise<Buffer> {
  const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  const side = Math.max(meta.width ?? 1, meta.height ?? 1);
  const density = meta.format === 'svg' ? Math.min(72 * (Math.max(maxSide, SVG_RENDER_SIDE) / side), 50_000) : undefined;
  return sharp(bytes, { density, limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: meta.format !== 'svg' })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/** A JPEG display copy of a photo (no alpha: flattened on white), a tenth of a PNG's size for photos. */
export async function thumbnailJpeg(bytes: Buffer, maxSide: number, quality = 82): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: { r: 255, g: 255, b: 255 } })
    .jpeg({ quality })
    .toBuffer();
}
