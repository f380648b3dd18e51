import type { Database, ImageRepository, SilhouetteRepository } from '../../db';
import { imageRepository, silhouetteRepository } from '../../db';
import type { Box, RasterImage } from '../image';
import { markSilhouettesOf, regionShape, shapeAgreement, SILHOUETTE_VERSION, soften, unpackSilhouettes, type RegionShape, type SoftSilhouette } from './silhouette';

/**
 * Marks' softened silhouettes, kept per process: keyed by the image's sha256, so a cached shape can never
 * belong to other pixels. Stored ones (indexSilhouettes) cost a lookup; a mark not indexed yet is masked
 * from its bytes (~6 ms in sharp's threads).
 */
const MARK_CACHE_LIMIT = 20_000; // ~4-8 KB each
const markCache = new Map<string, Promise<SoftSilhouette[]>>();

function cachedMarkShapes(silhouettes: SilhouetteRepository, images: ImageRepository, sha: string): Promise<SoftSilhouette[]> {
  let shapes = markCache.get(sha);
  if (shapes) return shapes;
  const packed = silhouettes.get(sha, SILHOUETTE_VERSION);
  if (packed) shapes = Promise.resolve(unpackSilhouettes(packed).map(soften));
  else {
    const stored = images.get(sha);
    shapes = stored
      ? markSilhouettesOf(stored.bytes)
          .then((list) => list.map(soften))
          .catch(() => [])
      : Promise.resolve([]);
  }
  if (markCache.size >= MARK_CACHE_LIMIT) markCache.delete(markCache.keys().next().value as string);
  markCache.set(sha, shapes);
  return shapes;
}

/** Shape agreement of candidates with the photo regions they were found in; each region is masked once. */
export class ShapeChecker {
  private readonly regions = new Map<number, Promise<RegionShape>>();
  private readonly images: ImageRepository;
  private readonly silhouettes: SilhouetteRepository;

  constructor(
    db: Database,
    private readonly photo: RasterImage,
    /** searched regions in raster pixels, by index */
    private readonly boxes: Box[],
  ) {
    this.images = imageRepository(db);
    this.silhouettes = silhouetteRepository(db);
  }

  /** Outline agreement of an image with the region it was found in; the work starts at once, in sharp's threads. */
  agreement(sha: string, region: number): Promise<number> {
    let shape = this.regions.get(region);
    if (!shape) {
      const box = this.boxes[region] ?? [0, 0, this.photo.width, this.photo.height];
      shape = regionShape(this.photo, box).catch(() => []);
      this.regions.set(region, shape);
    }
    const mark = cachedMarkShapes(this.silhouettes, this.images, sha);
    return Promise.all([shape, mark]).then(([r, m]) => shapeAgreement(r, m));
  }
}
