// A recorded mark as the engine imports it: an opaque PNG with a margin. Light marks (white
// simple-icons colours, "-dark" logo variants) would vanish on white, so they go on near-black.
import sharp from 'sharp';
import { rasteriseSvg } from '../lib/rasteriseSvg';

/** alpha-weighted mean luminance of the drawn pixels, 0..1 */
export function inkLuminance(rgba: Buffer): number {
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3]! / 255;
    sum += a * (0.2126 * rgba[i]! + 0.7152 * rgba[i + 1]! + 0.0722 * rgba[i + 2]!);
    weight += a;
  }
  return weight > 0 ? sum / weight / 255 : 0;
}

/**
 * Bump when galleryPng's output changes: the gallery is then rasterised again and the bench DB rebuilt.
 * 2: the margin is opaque too (version 1 left it see-through, so every bench mark looked transparent).
 */
export const GALLERY_RASTER_VERSION = '2';

export async function galleryPng(svg: string, longSide = 320): Promise<Buffer> {
  const margin = Math.round(longSide * 0.06);
  const mark = await rasteriseSvg(svg, longSide - 2 * margin);
  const background = inkLuminance(mark.data) > 0.8 ? '#1a1a1a' : '#ffffff';
  // sharp flattens before it extends, whatever the call order: the margin takes the ground colour itself
  return sharp(mark.data, { raw: { width: mark.width, height: mark.height, channels: 4 } })
    .flatten({ background })
    .extend({ top: margin, bottom: margin, left: margin, right: margin, background })
    .png({ compressionLevel: 6 })
    .toBuffer();
}
