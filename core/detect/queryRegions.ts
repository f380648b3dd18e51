import { cropRaster, type Box, type RasterImage } from '../image';
import { proposeRegions } from './proposeRegions';

/**
 * The regions a query embeds, in raster pixels: the whole photo first, then where marks seem to be
 * (unless `regions` is false), then the inspector's crop (already clamped to the photo). The hubness reference is built from the same list,
 * so it describes what a query really searches with.
 */
export async function queryRegions(photo: RasterImage, options: { regions?: boolean; crop?: Box } = {}): Promise<Box[]> {
  const boxes: Box[] = [[0, 0, photo.width, photo.height]];
  if (options.regions !== false) boxes.push(...(await proposeRegions(photo)));
  if (options.crop) boxes.push(options.crop);
  return boxes;
}

/** The pixels of each box; a box covering the whole photo (the first of `queryRegions`) is the photo itself. */
export function cutRegions(photo: RasterImage, boxes: Box[]): Promise<RasterImage[]> {
  const whole = (b: Box) => b[0] === 0 && b[1] === 0 && b[2] === photo.width && b[3] === photo.height;
  return Promise.all(boxes.map((b) => (whole(b) ? photo : cropRaster(photo, b))));
}
