import type { MatchResult, QueryOptions, QueryResult } from '../../api/query';
import type { OnnxEmbedder } from '../embed';
import { clampBox, cropRaster, decodeImage, type ImageInput, type RasterImage } from '../image';
import type { GalleryIndex } from '../search';

export const DEFAULT_TOP = 10;
/** Images fetched per region before merging: marks sharing an image or a brand need headroom. */
const SHORTLIST = 100;

/** Photo -> regions -> vectors -> cosine shortlist -> ranked marks. */
export async function queryPhoto(
  input: ImageInput,
  embedder: OnnxEmbedder,
  gallery: GalleryIndex,
  options: QueryOptions = {},
): Promise<QueryResult> {
  const t0 = performance.now();
  const top = options.top ?? DEFAULT_TOP;
  const decoded = await decodeImage(input);
  const photo = decoded.raster;
  const scale = photo.width / decoded.width; // crop is given in source pixels; the raster may be smaller

  const regions: RasterImage[] = [photo];
  if (options.crop) {
    const box = clampBox(options.crop.map((v) => v * scale) as [number, number, number, number], photo.width, photo.height);
    if (box) regions.push(await cropRaster(photo, box));
  }
  const t1 = performance.now();

  const vectors = await embedder.embedQueries(regions);
  const t2 = performance.now();

  // best score per image over all regions
  const bestByImage = new Map<string, number>();
  for (const v of vectors) {
    for (const hit of gallery.vectors.search(v, SHORTLIST)) {
      if ((bestByImage.get(hit.key) ?? -Infinity) < hit.score) bestByImage.set(hit.key, hit.score);
    }
  }
  const ranked = [...bestByImage.entries()].sort((a, b) => b[1] - a[1]);
  const results: MatchResult[] = [];
  for (const [sha, score] of ranked) {
    for (const mark of gallery.marksByImage.get(sha) ?? []) {
      if (results.length >= top) break;
      results.push({
        markId: mark.markId,
        recordalId: mark.recordalId,
        score: Math.round(score * 1e4) / 1e4,
        rank: results.length + 1,
        markName: mark.markName,
        holder: mark.holder,
        status: mark.status,
      });
    }
    if (results.length >= top) break;
  }
  const t3 = performance.now();
  const ms = (a: number, b: number) => Math.round((b - a) * 10) / 10;
  return {
    results,
    timings: { decodeMs: ms(t0, t1), embedMs: ms(t1, t2), searchMs: ms(t2, t3), totalMs: ms(t0, t3) },
    photo: { width: decoded.width, height: decoded.height },
    modelId: embedder.id,
  };
}
