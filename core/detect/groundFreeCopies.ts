import { shrinkRaster, withoutGround, type RasterImage } from '../image';

/** Ground removal runs on regions shrunk to the embedding's input size: the pixels the model sees, 1/6 of the work on a whole photo. */
const GROUND_SIDE = 224;

/**
 * The searched regions again without their ground (`withoutGround`), for those that have one to remove; each
 * copy names the region it came from. (The hubness reference leaves them out: with them it measured worse, README Limits.)
 */
export async function groundFreeCopies(regions: RasterImage[]): Promise<{ region: number; raster: RasterImage }[]> {
  const copies = await Promise.all(
    regions.map(async (r, region) => {
      const raster = withoutGround(Math.max(r.width, r.height) > GROUND_SIDE ? await shrinkRaster(r, GROUND_SIDE) : r);
      return raster ? [{ region, raster }] : [];
    }),
  );
  return copies.flat();
}
