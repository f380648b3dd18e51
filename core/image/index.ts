export { decodeImage, readImageBytes, type DecodedImage, type RasterImage, type ImageInput, type Transparency } from './decodeImage';
export { cropRaster, clampBox, fitRegion, iou, withMargin, reflatten, resizeRaster, resizeToSquare, shrinkRaster, type Box } from './rasterOps';
export { ImageTooLargeError, ImageUnreadableError } from './errors';
export * from './limits';
export { warmUpPhoto } from './warmUpPhoto';
export { plainGroundTransparency, withSeeThrough } from './plainGround';
export { withoutGround } from './groundRemoval';
