import { MarkSightError } from '../../api/errors';
import { decodeImage, type DecodedImage, type RasterImage } from '../image';

/** A mark image is checked at this size: embedding decodes it again at its own. */
const CHECK_SIDE = 64;
/** Largest spread of any channel over the whole image that still counts as one flat colour (JPEG noise). */
const BLANK_SPREAD = 8;

/** Decodes but draws nothing: a blank mark would be indexed as a plain patch and match every plain surface. */
export class ImageBlankError extends MarkSightError {
  override name = 'ImageBlankError';
  constructor(what: string) {
    super('IMAGE_BLANK', `${what}: blank image (nothing is drawn: every pixel is one colour)`);
  }
}

function isBlank(raster: RasterImage): boolean {
  const { data } = raster;
  for (let c = 0; c < 3; c++) {
    let min = 255;
    let max = 0;
    for (let i = c; i < data.length; i += 3) {
      if (data[i] < min) min = data[i];
      if (data[i] > max) max = data[i];
    }
    if (max - min > BLANK_SPREAD) return false;
  }
  return true;
}

/**
 * A recorded mark's image, validated for import: readable, within the limits, and not blank (an SVG whose
 * paint the renderer cannot draw, say a gradient with a singular transform, comes out as an empty square).
 */
export async function decodeMarkImage(path: string): Promise<DecodedImage> {
  const image = await decodeImage(path, CHECK_SIDE);
  if (isBlank(image.raster)) throw new ImageBlankError(path);
  return image;
}
