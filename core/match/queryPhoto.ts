import type { MatchResult, QueryOptions, QueryResult } from '../../api/query';
import type { OnnxEmbedder } from '../embed';
import { proposeRegions, windowGrid } from '../detect';
import { clampBox, cropRaster, decodeImage, type Box, type ImageInput, type RasterImage } from '../image';
import type { GalleryIndex, Hit } from '../search';
import type { Database } from '../../db';
import { scoreCandidates, VERIFY_TOP, type RegionScore } from './scoreCandidates';

export const DEFAULT_TOP = 10;
/** Images fetched per region before merging: marks sharing an image or a brand need headroom. */
const SHORTLIST = 100;
/**
 * A region's typical cosine is the mean of its best this-many. Ranking by cosine minus it (k = 10,
 * embedding only, val 100 per kind) moved R@1 easy 0.72 -> 0.74, redrawn 0.45 -> 0.46, hard R@10 0.22 -> 0.24.
 */
const TYPICAL_TOP = 10;

/** Windows over the photo (with verification): hits kept per window, and candidates they may add. */
const WINDOW_HITS = 20;
/** On val (60 per kind) 10 window candidates after the 30 best lifted the shortlist's recall on hard photos 0.43 -> 0.57. */
const WINDOW_CANDIDATES = 10;

function meanScore(hits: Hit[]): number {
  return hits.length ? hits.reduce((s, h) => s + h.score, 0) / hits.length : 0;
}

/** Each image's best cosine over the regions searched, and which region gave it. */
function bestCosines(hitsPerRegion: Hit[][]): Map<string, { cosine: number; region: number }> {
  const best = new Map<string, { cosine: number; region: number }>();
  hitsPerRegion.forEach((hits, region) => {
    for (const hit of hits) if ((best.get(hit.key)?.cosine ?? -Infinity) < hit.score) best.set(hit.key, { cosine: hit.score, region });
  });
  return best;
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
  // with verification, a grid of windows also brings candidates the proposals missed (small marks)
  const db = options.verify !== false ? evidence?.db : undefined;
  const windows = db && options.regions !== false && options.windows !== false ? windowGrid(photo.width, photo.height) : [];
  const searched = [...boxes, ...windows];
  const regions: RasterImage[] = await Promise.all(searched.map((b, i) => (i === 0 ? photo : cropRaster(photo, b))));
  const t1 = performance.now();

  const vectors = await embedder.embedQueries(regions);
  const t2 = performance.now();

  // Each region's own k best images, and how high its cosines run anyway: a region of busy texture
  // scores every mark fairly high, so a mark ranks by how far it stands out in its region (contrast).
  const hitsPerRegion = vectors.map((v, i) => gallery.vectors.search(v, i < boxes.length ? SHORTLIST : WINDOW_HITS));
  const typical = hitsPerRegion.map((hits) => meanScore(hits.slice(0, TYPICAL_TOP)));
  const rankBy = (from: number, to: number) => {
    const best = new Map<string, number>();
    for (let region = from; region < to; region++) {
      for (const hit of hitsPerRegion[region]) best.set(hit.key, Math.max(best.get(hit.key) ?? -Infinity, hit.score - typical[region]));
    }
    return [...best.entries()].sort((x, y) => y[1] - x[1]).map(([sha]) => sha);
  };
  const ranked = rankBy(0, boxes.length);
  const toPhoto = (b: Box): Box => b.map((v) => Math.round(v / scale)) as Box;
  const ms = (a: number, b: number) => Math.round((b - a) * 10) / 10;
  const common = {
    photo: { width: decoded.width, height: decoded.height },
    regions: searched.map(toPhoto),
    modelId: embedder.id,
  };
  if (db) {
    // an image's best showing in the regions, and apart from it in the windows (the fusion weighs them)
    const showingOf = (shas: string[]) => {
      const out = new Map<string, RegionScore>();
      for (const sha of shas) {
        const s: RegionScore = { contrast: -1, cosine: 0, region: 0, window: -1 };
        let windowRegion = -1;
        vectors.forEach((v, region) => {
          const cosine = gallery.vectors.scoreOf(v, sha);
          if (cosine === null) return;
          const contrast = cosine - typical[region];
          if (region < boxes.length) {
            if (contrast > s.contrast) Object.assign(s, { contrast, cosine, region });
          } else if (contrast > s.window) [s.window, windowRegion] = [contrast, region];
        });
        // the box shown is where the mark stands out most, a window when it found what the regions did not
        out.set(sha, s.window > s.contrast ? { ...s, region: windowRegion } : s);
      }
      return out;
    };
    const shortlist = ranked.slice(0, Math.max(VERIFY_TOP, top));
    const listed = new Set(shortlist);
    shortlist.push(...rankBy(boxes.length, searched.length).filter((sha) => !listed.has(sha)).slice(0, WINDOW_CANDIDATES));
    const showing = showingOf(shortlist);
    const rankedImages = shortlist.map((sha) => ({ sha, ...showing.get(sha)! }));
    const scored = await scoreCandidates(db, photo, rankedImages, gallery, common.regions, (v) => v / scale, options, embedder.id, showingOf);
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
  const showing = bestCosines(hitsPerRegion);
  for (const sha of ranked) {
    const { cosine, region } = showing.get(sha)!;
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
