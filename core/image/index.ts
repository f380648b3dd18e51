export { decodeImage, readImageBytes, type DecodedImage, type RasterImage, type ImageInput } from './decodeImage';
export { cropRaster, clampBox, resizeToSquare, shrinkRaster, type Box } from './rasterOps';
export { ImageTooLargeError, ImageUnreadableError } from './errors';
export * from './limits';
