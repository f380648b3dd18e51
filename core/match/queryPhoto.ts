import type { MatchResult, QueryOptions, QueryResult } from '../../api/query';
import type { OnnxEmbedder } from '../embed';
import { proposeRegions } from '../detect';
import { clampBox, cropRaster, decodeImage, type Box, type ImageInput, type RasterImage } from '../image';
import type { GalleryIndex } from '../search';
import type { Database } from '../../db';
import { scoreCandidates } from './scoreCandidates';

export const DEFAULT_TOP = 10;
/** Images fetched per region before merging: marks sharing an image or a brand need headroom. */
const SHORTLIST = 100;

/** Photo -> regions -> vectors -> cosine shortlist -> ranked marks. */
export async function queryPhoto(
  input: ImageInput,
  embedder: OnnxEmbedder,
  gallery: GalleryIndex,
  options: QueryOptions = {},
  /** With a database, the shortlist is verified, text read, fused and flagged (steps 5-8). */
  evidence?: { db: Database },
): Promise<QueryResult> {
  const t0 = performance.now();
  const top = options.top ?? DEFAULT_TOP;
  const decoded = await decodeImage(input);
  const photo = decoded.raster;
  const scale = photo.width / decoded.width; // crop is given in source pixels; the raster may be smaller

  // regions: the whole photo, where marks seem to be, and the inspector's own crop (in raster pixels)
  const boxes: Box[] = [[0, 0, photo.width, photo.height]];
  if (options.regions !== false) boxes.push(...(await proposeRegions(photo)));
  if (options.crop) {
    const box = clampBox(options.crop.map((v) => v * scale) as Box, photo.width, photo.height);
    if (box) boxes.push(box);
  }
  const regions: RasterImage[] = await Promise.all(boxes.map((b, i) => (i === 0 ? photo : cropRaster(photo, b))));
  const t1 = performance.now();

  const vectors = await embedder.embedQueries(regions);
  const t2 = performance.now();

  // best score per image over all regions, remembering which region gave it
  const bestPerImage = (k: number, accept?: (sha: string) => boolean) => {
    const best = new Map<string, { score: number; region: number }>();
    vectors.forEach((v, region) => {
      for (const hit of gallery.vectors.search(v, k, accept)) {
        if ((best.get(hit.key)?.score ?? -Infinity) < hit.score) best.set(hit.key, { score: hit.score, region });
      }
    });
    return best;
  };
  const ranked = [...bestPerImage(SHORTLIST).entries()].sort((a, b) => b[1].score - a[1].score);
  const toPhoto = (b: Box): Box => b.map((v) => Math.round(v / scale)) as Box;
  const ms = (a: number, b: number) => Math.round((b - a) * 10) / 10;
  const common = {
    photo: { width: decoded.width, height: decoded.height },
    regions: boxes.map(toPhoto),
    modelId: embedder.id,
  };
  if (evidence && options.verify !== false) {
    const rankedImages = ranked.map(([sha, { score, region }]) => ({ sha, score, region }));
    const cosineOf = (shas: string[]) => {
      const wanted = new Set(shas);
      return bestPerImage(shas.length, (k) => wanted.has(k));
    };
    const scored = await scoreCandidates(evidence.db, photo, rankedImages, gallery, common.regions, (v) => v / scale, options, embedder.id, cosineOf);
    const t4 = performance.now();
    return {
      results: scored.results,
      timings: {
        decodeMs: ms(t0, t1),
        embedMs: ms(t1, t2),
        searchMs: ms(0, t4 - t2 - Math.max(scored.verifyMs, scored.ocrMs)),
        verifyMs: ms(0, scored.verifyMs),
        ocrMs: ms(0, scored.ocrMs),
        totalMs: ms(t0, t4),
      },
      ...common,
      text: scored.text,
      ...(scored.warnings.length ? { warnings: scored.warnings } : {}),
    };
  }
  const results: MatchResult[] = [];
  for (const [sha, { score, region }] of ranked) {
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
        region: common.regions[region],
      });
    }
    if (results.length >= top) break;
  }
  const t3 = performance.now();
  return {
    results,
    timings: { decodeMs: ms(t0, t1), embedMs: ms(t1, t2), searchMs: ms(t2, t3), totalMs: ms(t0, t3) },
    ...common,
  };
}
