import type { MatchResult, QueryOptions, QueryResult } from '../../api/query';
import type { OnnxEmbedder } from '../embed';
import { proposeRegions } from '../detect';
import { clampBox, cropRaster, decodeImage, type Box, type ImageInput, type RasterImage } from '../image';
import type { GalleryIndex, Hit } from '../search';
import type { Database } from '../../db';
import { scoreCandidates, type RegionScore } from './scoreCandidates';

export const DEFAULT_TOP = 10;
/** Images fetched per region before merging: marks sharing an image or a brand need headroom. */
const SHORTLIST = 100;
/**
 * A region's typical cosine is the mean of its best this-many. Ranking by cosine minus it (k = 10,
 * embedding only, val 100 per kind) moved R@1 easy 0.72 -> 0.74, redrawn 0.45 -> 0.46, hard R@10 0.22 -> 0.24.
 */
const TYPICAL_TOP = 10;

function meanScore(hits: Hit[]): number {
  return hits.length ? hits.reduce((s, h) => s + h.score, 0) / hits.length : 0;
}

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

  // Each region's own k best images, and how high its cosines run anyway: a region of busy texture
  // scores every mark fairly high, so a mark ranks by how far it stands out in its region (contrast).
  const hitsPerRegion = vectors.map((v) => gallery.vectors.search(v, SHORTLIST));
  const typical = hitsPerRegion.map((hits) => meanScore(hits.slice(0, TYPICAL_TOP)));
  const bestPerImage = (hitLists: Hit[][]) => {
    const best = new Map<string, RegionScore>();
    hitLists.forEach((hits, region) => {
      for (const hit of hits) {
        const contrast = hit.score - typical[region];
        if ((best.get(hit.key)?.contrast ?? -Infinity) < contrast) best.set(hit.key, { contrast, cosine: hit.score, region });
      }
    });
    return best;
  };
  const ranked = [...bestPerImage(hitsPerRegion).entries()].sort((a, b) => b[1].contrast - a[1].contrast);
  const toPhoto = (b: Box): Box => b.map((v) => Math.round(v / scale)) as Box;
  const ms = (a: number, b: number) => Math.round((b - a) * 10) / 10;
  const common = {
    photo: { width: decoded.width, height: decoded.height },
    regions: boxes.map(toPhoto),
    modelId: embedder.id,
  };
  if (evidence && options.verify !== false) {
    const rankedImages = ranked.map(([sha, r]) => ({ sha, ...r }));
    const cosineOf = (shas: string[]) => {
      const wanted = new Set(shas);
      return bestPerImage(vectors.map((v) => gallery.vectors.search(v, shas.length, (k) => wanted.has(k))));
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
  for (const [sha, { cosine, region }] of ranked) {
    for (const mark of gallery.marksByImage.get(sha) ?? []) {
      if (results.length >= top) break;
      results.push({
        markId: mark.markId,
        recordalId: mark.recordalId,
        score: Math.round(cosine * 1e4) / 1e4,
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
