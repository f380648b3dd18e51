export { decodeImage, readImageBytes, type DecodedImage, type RasterImage, type ImageInput } from './decodeImage';
export { cropRaster, clampBox, type Box } from './cropRaster';
export { ImageTooLargeError, ImageUnreadableError } from './errors';
export * from './limits';
