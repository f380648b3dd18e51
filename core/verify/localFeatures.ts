import { decodeImage, type RasterImage } from '../image';
import { loadOpenCv, type Cv } from './opencv';

/** Bytes in one ORB descriptor. */
export const DESCRIPTOR_BYTES = 32;

/**
 * Keypoints and binary descriptors of one image. Positions are in the pixels of the image as given
 * (padding already removed), so a homography from them maps that image's frame.
 */
export interface LocalFeatures {
  /** x0, y0, x1, y1, ... */
  points: Float32Array;
  /** `count` rows of DESCRIPTOR_BYTES bytes. */
  descriptors: Uint8Array;
  count: number;
  width: number;
  height: number;
}

export interface FeatureOptions {
  maxFeatures: number;
  /** White border added before detection so corners on the image's edge are not lost (ORB skips ~31 px). */
  pad?: number;
  /** Longest side the image is resized to before detection (the points are mapped back). */
  maxSide?: number;
  scaleFactor?: number;
  levels?: number;
  /** Describe the negative image: dark-on-light marks printed light-on-dark (or on a darker surface). */
  invert?: boolean;
}

/** Id stored with every mark's features: change it whenever MARK_SCALES or the extractor changes. */
export const MARK_EXTRACTOR = 'orb500@240+300@120+inverted-v3';
/**
 * Marks are described at two sizes, each also as the negative image, and the sets pooled: ORB's
 * pyramid only shrinks from its base, so a mark photographed at 60-150 px (the bench's hard photos)
 * matches the 120 px set far better; and the recorded image is dark-on-white while goods often carry
 * the mark on a darker surface or printed light, which flips the descriptors' bits along its outline.
 * Measured on bench val copies verified: one 320 px set 19/40 easy, 1/40 hard; 240 + 120 22/40, 9/40;
 * + inverted sets 37/60 easy (from 30/60), 13/60 hard (from 11/60).
 */
export const MARK_SCALES: FeatureOptions[] = [
  { maxFeatures: 500, pad: 32, maxSide: 240 },
  { maxFeatures: 300, pad: 32, maxSide: 120 },
  { maxFeatures: 500, pad: 32, maxSide: 240, invert: true },
  { maxFeatures: 300, pad: 32, maxSide: 120, invert: true },
];
export const PHOTO_FEATURES: FeatureOptions = { maxFeatures: 3000, pad: 0, maxSide: 800, levels: 8 };

/** Luma of an RGB raster, one byte per pixel. */
function greyPixels(image: RasterImage): Uint8Array {
  const src = image.data;
  const grey = new Uint8Array(image.width * image.height);
  for (let i = 0, j = 0; j < grey.length; i += 3, j++) grey[j] = (src[i] * 77 + src[i + 1] * 150 + src[i + 2] * 29) >> 8;
  return grey;
}

/** Grey pixels of an RGB raster (`grey`: its luma, when already computed), optionally downscaled (box filter) and padded with white. */
function toGreyMat(cv: Cv, image: RasterImage, maxSide: number, pad: number, invert = false, grey = greyPixels(image)): { mat: Cv; scale: number } {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const full = new cv.Mat(image.height, image.width, cv.CV_8UC1);
  const dst = full.data as Uint8Array;
  dst.set(grey);
  if (invert) for (let j = 0; j < dst.length; j++) dst[j] = 255 - dst[j];
  let small = full;
  if (scale !== 1) {
    small = new cv.Mat();
    cv.resize(full, small, new cv.Size(w, h), 0, 0, scale < 1 ? cv.INTER_AREA : cv.INTER_LINEAR);
    full.delete();
  }
  if (pad <= 0) return { mat: small, scale };
  const padded = new cv.Mat();
  cv.copyMakeBorder(small, padded, pad, pad, pad, pad, cv.BORDER_CONSTANT, new cv.Scalar(invert ? 0 : 255));
  small.delete();
  return { mat: padded, scale };
}

/** ORB keypoints + descriptors of a raster (`grey`: its luma, when the caller describes it more than once). */
export async function extractFeatures(image: RasterImage, options: FeatureOptions, grey?: Uint8Array): Promise<LocalFeatures> {
  const { cv } = await loadOpenCv();
  const pad = options.pad ?? 0;
  const { mat, scale } = toGreyMat(cv, image, options.maxSide ?? 100_000, pad, options.invert, grey);
  // this WASM build cannot pass ORB's enum arguments to the constructor, and has no FAST-threshold setter
  const orb = new cv.ORB(options.maxFeatures);
  orb.setScaleFactor(options.scaleFactor ?? 1.2);
  orb.setNLevels(options.levels ?? 8);
  const kps = new cv.KeyPointVector();
  const des = new cv.Mat();
  const none = new cv.Mat();
  try {
    orb.detectAndCompute(mat, none, kps, des);
    const count = kps.size();
    const points = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) {
      const kp = kps.get(i);
      points[2 * i] = (kp.pt.x - pad) / scale;
      points[2 * i + 1] = (kp.pt.y - pad) / scale;
    }
    const descriptors = count > 0 ? new Uint8Array(des.data as Uint8Array) : new Uint8Array(0);
    return { points, descriptors, count, width: image.width, height: image.height };
  } finally {
    mat.delete();
    orb.delete();
    kps.delete();
    des.delete();
    none.delete();
  }
}

/** A recorded mark's features from its stored bytes, decoded as the index decodes them (`decodeSide`). */
export async function markFeaturesFromBytes(bytes: Buffer, decodeSide?: number): Promise<LocalFeatures> {
  return extractMarkFeatures((await decodeImage(bytes, decodeSide)).raster);
}

/** Features of a recorded mark: every scale in MARK_SCALES, pooled into one set (points in raster pixels). */
export async function extractMarkFeatures(image: RasterImage): Promise<LocalFeatures> {
  const sets = [];
  const grey = greyPixels(image); // once for the four sets (a 1280 px mark: 1.6 M pixels)
  for (const o of MARK_SCALES) sets.push(await extractFeatures(image, o, grey));
  const count = sets.reduce((n, f) => n + f.count, 0);
  const points = new Float32Array(count * 2);
  const descriptors = new Uint8Array(count * DESCRIPTOR_BYTES);
  let at = 0;
  for (const f of sets) {
    points.set(f.points.subarray(0, f.count * 2), at * 2);
    descriptors.set(f.descriptors.subarray(0, f.count * DESCRIPTOR_BYTES), at * DESCRIPTOR_BYTES);
    at += f.count;
  }
  return { points, descriptors, count, width: image.width, height: image.height };
}
