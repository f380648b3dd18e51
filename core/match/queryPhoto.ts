import { DEFAULT_TOP, queryWarning, type MatchResult, type QueryOptions, type QueryResult, type QueryWarning } from '../../api/query';
import type { OnnxEmbedder } from '../embed';
import { inspectorRegions, queryRegions, textRegions, windowGrid, type MarkDetector } from '../detect';
import { detectText, PHOTO_DETECT } from '../text';
import { clampBox, decodeImage, type Box, type DecodedImage, type ImageInput } from '../image';
import { beginVerification, type PhotoVerifier, type VerifierThread } from '../verify';
import type { GalleryIndex } from '../search';
import type { Database } from '../../db';
import { embedPlaces } from './embedPlaces';
import { RegionScores } from './regionScores';
import { scoreCandidates, VERIFY_TOP, type RegionScore } from './scoreCandidates';

/** On val (60 per kind) 10 window candidates after the 30 best lifted the shortlist's recall on hard photos 0.43 -> 0.57. */
const WINDOW_CANDIDATES = 10;

/** The models a query runs: the embedding, and the mark detector when the models folder has one. */
export interface QueryModels {
  embedder: OnnxEmbedder;
  detector: MarkDetector | null;
}

/** Photo -> regions -> vectors -> cosine shortlist -> ranked marks. */
export async function queryPhoto(
  input: ImageInput,
  models: QueryModels,
  gallery: GalleryIndex,
  options: QueryOptions = {},
  /** With a database, the shortlist is verified, text read, fused and flagged (steps 5-8); on `thread` when given. */
  evidence?: { db: Database; thread?: VerifierThread },
): Promise<QueryResult> {
  const t0 = performance.now();
  const decoded = await decodeImage(input);
  const db = options.verify !== false ? evidence?.db : undefined;
  // the photo's local features are extracted (on the verification thread) while the regions are embedded
  const verifier = db ? beginVerification(db, decoded.raster, evidence?.thread) : undefined;
  try {
    return await rankPhoto(t0, decoded, models, gallery, options, db && verifier ? { db, verifier } : undefined);
  } finally {
    verifier?.end();
  }
}

async function rankPhoto(
  t0: number,
  decoded: DecodedImage,
  { embedder, detector }: QueryModels,
  gallery: GalleryIndex,
  options: QueryOptions,
  evidence: { db: Database; verifier: PhotoVerifier } | undefined,
): Promise<QueryResult> {
  const top = options.top ?? DEFAULT_TOP;
  const photo = decoded.raster;
  const scale = photo.width / decoded.width; // crop is given in source pixels; the raster may be smaller

  // regions: the whole photo, where marks seem to be, and the inspector's own crop (in raster pixels)
  const crop = options.crop ? clampBox(options.crop.map((v) => v * scale) as Box, photo.width, photo.height) : undefined;
  const boxes = await queryRegions(photo, { regions: options.regions, detector });
  const placeCount = boxes.length;
  if (crop) boxes.push(...inspectorRegions(crop, photo.width, photo.height));
  // with evidence the text is read anyway: its lines are detected now, and searched as regions too
  const textLines = evidence ? await detectText(photo, PHOTO_DETECT).catch(() => null) : null;
  if (textLines && options.regions !== false) boxes.push(...textRegions(textLines.map((l) => l.rect), boxes, photo.width, photo.height));
  // a crop drawn for another photo, or typed wrong, must not be dropped without a word
  const cropWarnings: QueryWarning[] = [];
  if (crop === null) {
    const values = { crop: options.crop!.join(','), size: `${decoded.width}x${decoded.height}` };
    cropWarnings.push(queryWarning('CROP_OUTSIDE', `crop ${values.crop} lies outside the ${values.size} photo; it was not searched`, values));
  }
  const windows = evidence && options.regions !== false && options.windows !== false ? windowGrid(photo.width, photo.height) : [];
  const searched = [...boxes, ...windows];
  const t1 = performance.now();

  // each region also without its ground (a mark printed on stripes or a pattern, seen as its grey gallery view),
  // the first places also seen wider
  const places = await embedPlaces(photo, embedder, boxes, { placeCount });
  const regionVectors = places.vectors.length;
  const vectors = [...places.vectors, ...(await embedder.embedWindows(photo, windows))];
  const t2 = performance.now();

  const regionOf = [...boxes.map((_, i) => i), ...places.groundFreeOf, ...windows.map((_, j) => boxes.length + j)];
  const scores = await RegionScores.search(gallery, vectors, regionVectors, regionOf);
  const ranked = scores.rankedByRegions();
  const toPhoto = (b: Box): Box => b.map((v) => Math.round(v / scale)) as Box;
  const ms = (a: number, b: number) => Math.round((b - a) * 10) / 10;
  const common = {
    photo: { width: decoded.width, height: decoded.height },
    regions: searched.map(toPhoto),
    modelId: embedder.id,
  };
  if (evidence) {
    const shortlist = ranked.slice(0, Math.max(VERIFY_TOP, top));
    const listed = new Set(shortlist);
    const byWindows = scores.rankedByWindows().filter((sha) => !listed.has(sha)).slice(0, WINDOW_CANDIDATES);
    const showing = scores.showingOf([...shortlist, ...byWindows]);
    // the box shown is the region that found the mark; for marks only windows found, their window
    const rankedImages = [
      ...shortlist.map((sha) => ({ sha, ...showing.get(sha)! })),
      ...byWindows.map((sha) => {
        const s = showing.get(sha)!;
        return { sha, ...s, region: s.windowRegion >= 0 ? s.windowRegion : s.region };
      }),
    ];
    const scored = await scoreCandidates(evidence.db, photo, { verifier: evidence.verifier, textLines }, rankedImages, gallery, common.regions, (v) => v / scale, options, embedder.id, (shas) => scores.showingOf(shas));
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
      ...(scored.warnings.length + cropWarnings.length ? { warnings: [...cropWarnings, ...scored.warnings] } : {}),
    };
  }
  const results: MatchResult[] = [];
  // each image shows the region it was ranked by, as the verified path does; scored a page at a time
  // (an image no mark uses any more yields no result, so more than `top` images may be needed)
  let showing = new Map<string, RegionScore>();
  for (const [i, sha] of ranked.entries()) {
    if (results.length >= top) break;
    if (!showing.has(sha)) showing = scores.showingOf(ranked.slice(i, i + top));
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
    ...(cropWarnings.length ? { warnings: cropWarnings } : {}),
  };
}
