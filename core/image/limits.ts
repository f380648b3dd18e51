/**
 * Phones and cameras mostly shoot 12-50 MP. A larger frame (a 200 MP phone mode) is refused before decoding with
 * "over the 100 MP limit" rather than held as 0.4-0.8 GB of pixels; a decompression bomb is refused the same way.
 */
export const MAX_INPUT_PIXELS = 100_000_000;
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
/** Photos are worked on at this size: enough for small marks, cheap to crop and embed. */
export const WORKING_MAX_SIDE = 1280;
/** Vector marks (SVG) are rasterised so their longer side is at most this many pixels. */
export const SVG_RENDER_SIDE = 512;
/** Recorded marks are embedded from a raster this size: above every model input size we use. */
export const MARK_RASTER_SIDE = 384;

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp', '.gif', '.svg', '.tif', '.tiff'] as const;
