import type { Database } from '../../db';
import { localFeatureRepository } from '../../db';
import type { RasterImage } from '../image';
import { extractFeatures, MARK_EXTRACTOR, PHOTO_FEATURES, type LocalFeatures } from './localFeatures';
import { DEFAULT_MATCH, PhotoFeatures, quadBox, type Point } from './matchFeatures';

/** A candidate counts as verified with at least this many RANSAC inliers... */
export const MIN_INLIERS = 10;
/** ...making up at least this share of its ratio-test matches. */
export const MIN_INLIER_RATIO = 0.35;

export interface Verification {
  matches: number;
  inliers: number;
  inlierRatio: number;
  verified: boolean;
  /** The mark's corners (TL, TR, BR, BL) in the photo raster's pixels, when a homography was found. */
  quad: Point[] | null;
  box: [number, number, number, number] | null;
  /** false when the mark has no stored features (not indexed yet): nothing was tried. */
  tried: boolean;
}

const NOT_TRIED: Verification = { matches: 0, inliers: 0, inlierRatio: 0, verified: false, quad: null, box: null, tried: false };

export interface ShortlistVerifier {
  /** Verifies more images against the same photo features (already verified ones are skipped). */
  verify(imageShas: string[]): Map<string, Verification>;
  /** the photo's features, as extracted once */
  features: LocalFeatures;
  extractMs: number;
}

/** Extracts the photo's features once; candidates can then be verified in several rounds. */
export async function createVerifier(db: Database, photo: RasterImage): Promise<ShortlistVerifier> {
  const t0 = performance.now();
  const features = await extractFeatures(photo, PHOTO_FEATURES);
  return verifierFromFeatures(db, features, performance.now() - t0);
}

/** A verifier over photo features extracted elsewhere (the verification thread sends its own). */
export function verifierFromFeatures(db: Database, features: LocalFeatures, extractMs = 0): ShortlistVerifier {
  const photoFeatures = PhotoFeatures.from(features);
  const repo = localFeatureRepository(db);
  const byImage = new Map<string, Verification>();
  return {
    features,
    extractMs,
    verify(imageShas) {
      for (const sha of imageShas) {
        if (byImage.has(sha)) continue;
        const mark = repo.get(sha, MARK_EXTRACTOR);
        if (!mark) {
          byImage.set(sha, NOT_TRIED);
          continue;
        }
        const m = photoFeatures.match(mark, DEFAULT_MATCH);
        byImage.set(sha, {
          matches: m.matches,
          inliers: m.inliers,
          inlierRatio: m.inlierRatio,
          verified: m.quad !== null && m.inliers >= MIN_INLIERS && m.inlierRatio >= MIN_INLIER_RATIO,
          quad: m.quad,
          box: m.quad ? quadBox(m.quad) : null,
          tried: true,
        });
      }
      return byImage;
    },
  };
}
