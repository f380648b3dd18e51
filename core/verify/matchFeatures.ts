import { descriptorWords, HammingIndex } from './hammingIndex';
import { DESCRIPTOR_BYTES, type LocalFeatures } from './localFeatures';
import { ransacHomography } from './ransacHomography';

export type Point = [number, number];

export interface GeometricMatch {
  /** Tentative matches that passed the ratio test. */
  matches: number;
  /** Matches consistent with the homography (0 when none was found). */
  inliers: number;
  inlierRatio: number;
  /** The mark's corners (TL, TR, BR, BL) in the photo, or null. */
  quad: Point[] | null;
}

export interface MatchOptions {
  ratio: number;
  /** RANSAC reprojection threshold as a fraction of the photo's longer side. */
  reprojection: number;
  minMatches: number;
  /** Hamming distance (of 256 bits) above which a pair is not a match. */
  maxDistance: number;
}

export const DEFAULT_MATCH: MatchOptions = { ratio: 0.85, reprojection: 0.01, minMatches: 6, maxDistance: 64 };

/** Photo features indexed once per query, so each candidate mark costs a few thousand lookups. */
export class PhotoFeatures {
  private constructor(
    readonly features: LocalFeatures,
    private readonly index: HammingIndex,
  ) {}

  static from(features: LocalFeatures): PhotoFeatures {
    return new PhotoFeatures(features, new HammingIndex(features.descriptors, features.count));
  }

  /** Ratio-test matches mark -> photo, then a RANSAC homography checked for plausibility. */
  match(mark: LocalFeatures, options: MatchOptions = DEFAULT_MATCH): GeometricMatch {
    const none: GeometricMatch = { matches: 0, inliers: 0, inlierRatio: 0, quad: null };
    if (mark.count < 4 || this.features.count < 4) return none;
    const query = descriptorWords(mark.descriptors.subarray(0, mark.count * DESCRIPTOR_BYTES));
    const from: number[] = [];
    const to: number[] = [];
    const used = new Set<number>();
    for (let i = 0; i < mark.count; i++) {
      const hit = this.index.nearest(query, i * (DESCRIPTOR_BYTES / 4));
      if (hit.best < 0 || hit.bestDistance > options.maxDistance) continue;
      if (hit.bestDistance >= options.ratio * hit.secondDistance) continue;
      if (used.has(hit.best)) continue; // one photo point serves one mark point
      used.add(hit.best);
      from.push(mark.points[2 * i], mark.points[2 * i + 1]);
      to.push(this.features.points[2 * hit.best], this.features.points[2 * hit.best + 1]);
    }
    const matches = from.length / 2;
    if (matches < options.minMatches) return { ...none, matches };
    const side = Math.max(this.features.width, this.features.height);
    const result = ransacHomography(from, to, { threshold: options.reprojection * side });
    if (!result) return { ...none, matches };
    const quad = projectCorners(result.h, mark.width, mark.height);
    if (!plausibleQuad(quad, mark.width, mark.height)) return { ...none, matches };
    return { matches, inliers: result.inliers, inlierRatio: result.inliers / matches, quad };
  }
}

export function applyHomography(h: number[], x: number, y: number): Point {
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

export function projectCorners(h: number[], width: number, height: number): Point[] {
  return [applyHomography(h, 0, 0), applyHomography(h, width, 0), applyHomography(h, width, height), applyHomography(h, 0, height)];
}

function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/**
 * A real view of a flat mark is a convex quadrilateral, not mirrored, not collapsed, and not sheared
 * beyond what a tilted camera gives. RANSAC on few matches happily returns anything else.
 */
export function plausibleQuad(q: Point[], width: number, height: number): boolean {
  if (q.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) return false;
  const turns = q.map((p, i) => cross(p, q[(i + 1) % 4], q[(i + 2) % 4]));
  if (!(turns.every((t) => t > 0) || turns.every((t) => t < 0))) return false;
  if (turns[0] < 0) return false; // mirrored (image y points down, so a clockwise quad has positive turns)
  const area = Math.abs(turns[0] + turns[2]) / 2;
  if (area < 100) return false;
  const sides = q.map((p, i) => Math.hypot(q[(i + 1) % 4][0] - p[0], q[(i + 1) % 4][1] - p[1]));
  // opposite sides may differ (perspective) but not by more than 3x
  if (Math.max(sides[0], sides[2]) > 3 * Math.min(sides[0], sides[2])) return false;
  if (Math.max(sides[1], sides[3]) > 3 * Math.min(sides[1], sides[3])) return false;
  // aspect ratio kept within a factor of 3 of the mark's own
  const aspect = (sides[0] + sides[2]) / (sides[1] + sides[3]) / (width / height);
  return aspect > 1 / 3 && aspect < 3;
}

export function quadBox(q: Point[]): [number, number, number, number] {
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return [x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0];
}
