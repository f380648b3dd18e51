import type { Database } from '../../db';
import { recordalRepository } from '../../db';
import { DEFAULT_TOP, queryWarning, type BoxXYWH, type MatchResult, type QueryOptions, type QueryWarning, type ReadTextLine } from '../../api/query';
import type { RasterImage } from '../image';
import type { GalleryIndex } from '../search';
import { bestLineMatch, readText, PHOTO_DETECT, type TextBox } from '../text';
import type { PhotoVerifier, Verification } from '../verify';
import { nameIndexOf } from './nameIndex';
import { explainedLast } from './explainedLast';
import { FusionModel, type CandidateEvidence } from './fusionModel';
import { decideFlag, today } from './infringementRules';

/** Shortlisted images verified per query: R@10 is well above R@1, so re-ranking needs headroom (on the bench, cosine ranks 21-30 held the answer 2-5 times in 240 copies). */
export const VERIFY_TOP = 30;

/** An image's best showing over the searched regions. */
export interface RegionScore {
  /** cosine minus the region's typical top cosine and the image's hubness penalty: what the shortlist is ranked by */
  contrast: number;
  /** the raw cosine of that region, shown as the match's score */
  cosine: number;
  /** which searched region gave it */
  region: number;
  /** the best contrast in the photo's window grid (-1 when there was none), and that window (-1: none) */
  window: number;
  windowRegion: number;
}

export interface RankedImage extends RegionScore {
  sha: string;
}

export interface ScoredCandidates {
  results: MatchResult[];
  text: ReadTextLine[];
  verifyMs: number;
  ocrMs: number;
  /** evidence that could not be gathered, and stale calibration */
  warnings: QueryWarning[];
}

const round = (v: number, k = 1e4) => Math.round(v * k) / k;
const NOT_VERIFIED: Verification = { matches: 0, inliers: 0, inlierRatio: 0, verified: false, quad: null, box: null, tried: false };

/**
 * Steps 5-8 of the pipeline: verify the shortlist's geometry, read the photo's text, fuse the evidence
 * into one calibrated probability per mark, re-rank by it, and decide the flag with its reasons.
 * `toPhoto` maps raster pixels to the photo's own pixels.
 */
export async function scoreCandidates(
  db: Database,
  photo: RasterImage,
  /** `verifier` was begun on this photo when it was decoded (its features are extracted meanwhile); `textLines`: its text lines, detected then (null: detection failed, try again) */
  early: { verifier: PhotoVerifier; textLines: TextBox[] | null },
  ranked: RankedImage[],
  gallery: GalleryIndex,
  boxes: BoxXYWH[],
  toPhoto: (v: number) => number,
  options: QueryOptions,
  /** the embedding model's id, checked against the one the fusion was fitted for */
  modelId?: string,
  /** best showing of given images, for marks brought in by text */
  showingOf?: (shas: string[]) => Map<string, RegionScore>,
  fusion: FusionModel = FusionModel.default(),
): Promise<ScoredCandidates> {
  const top = options.top ?? DEFAULT_TOP;
  const shortlist = ranked.slice();

  // the shortlist is verified on the verification thread while this one reads the photo's text
  const t0 = performance.now();
  const warnings: QueryWarning[] = [];
  const fittedFor = fusion.coefficients.modelId;
  const calibrated = !modelId || !fittedFor || fittedFor === modelId;
  if (!calibrated) {
    warnings.push(
      queryWarning('FUSION_STALE', `fusion ${fusion.coefficients.version} was fitted for model ${fittedFor!.slice(0, 12)}, not ${modelId.slice(0, 12)}: probabilities are uncalibrated until bench/calibrate.ts is rerun`),
    );
  }
  // evidence is optional: a failing OCR or verifier leaves the embedding ranking, never fails the query
  let verifyFailed = false;
  const verify = (shas: string[]) =>
    early.verifier.verify(shas).catch((err: unknown) => {
      const reason = err instanceof Error ? err.message : String(err);
      if (!verifyFailed) warnings.push(queryWarning('VERIFY_FAILED', `verification failed: ${reason}`, { reason }));
      verifyFailed = true;
      return new Map<string, Verification>();
    });
  let verifyEnd = t0;
  const verifying = verify(shortlist.map((r) => r.sha)).then((m) => {
    verifyEnd = performance.now();
    return m;
  });
  const text = await readText(photo, PHOTO_DETECT, early.textLines ?? undefined).catch((err: unknown) => {
    const reason = err instanceof Error ? err.message : String(err);
    warnings.push(queryWarning('TEXT_FAILED', `text reading failed: ${reason}`, { reason }));
    return { lines: [], detectMs: 0, recogniseMs: 0 };
  });
  const ocrMs = performance.now() - t0;
  let byImage = await verifying;
  let verifyMs = verifyEnd - t0;
  const lines = text.lines.map((l) => l.text);

  // marks named by the text read but missed by the picture search join the candidates
  const listed = new Set(shortlist.map((r) => r.sha));
  const named = nameIndexOf(gallery).search(lines).filter((h) => !listed.has(h.sha));
  const foundByText = new Set(named.map((h) => h.sha));
  if (named.length) {
    const t = performance.now();
    const shown = showingOf?.(named.map((h) => h.sha)) ?? new Map<string, RegionScore>();
    for (const h of named) shortlist.push({ sha: h.sha, contrast: 0, cosine: 0, region: 0, window: -1, windowRegion: -1, ...shown.get(h.sha) });
    if (!verifyFailed) byImage = await verify(named.map((h) => h.sha));
    verifyMs += performance.now() - t;
  }

  const scaleBox = (b: [number, number, number, number]): BoxXYWH => b.map((v) => Math.round(toPhoto(v))) as BoxXYWH;
  const recordals = recordalRepository(db);
  const date = options.date ?? today();

  interface Scored { sha: string; result: MatchResult; evidence: CandidateEvidence; v: Verification; textRead: string | null; textMatch: string }
  const scored: Scored[] = [];
  for (const [i, cand] of shortlist.entries()) {
    const bestOther = i === 0 ? (shortlist[1]?.contrast ?? cand.contrast) : shortlist[0].contrast;
    const v = byImage.get(cand.sha) ?? NOT_VERIFIED;
    for (const mark of gallery.marksByImage.get(cand.sha) ?? []) {
      const match = mark.markName ? bestLineMatch(lines, mark.markName) : { score: 0, kind: 'none' as const, line: null };
      const evidence: CandidateEvidence = {
        cosine: cand.cosine,
        contrast: cand.contrast,
        window: cand.window,
        margin: cand.contrast - bestOther,
        inliers: v.inliers,
        inlierRatio: v.inlierRatio,
        verified: v.verified,
        textScore: match.score,
        textRead: lines.length > 0,
      };
      scored.push({
        sha: cand.sha,
        result: {
          markId: mark.markId,
          recordalId: mark.recordalId,
          score: round(cand.cosine),
          rank: 0,
          markName: mark.markName,
          holder: mark.holder,
          status: mark.status,
          region: boxes[cand.region],
          probability: round(fusion.probability(evidence)),
          verified: v.verified,
          box: v.box ? scaleBox(v.box) : null,
        },
        evidence,
        v,
        textRead: match.line,
        textMatch: match.kind,
      });
    }
  }
  scored.sort((a, b) => b.result.probability! - a.result.probability! || b.evidence.contrast - a.evidence.contrast);
  // a place already identified with confidence: other recordals' runner-ups there go after the other places' marks
  const placed = explainedLast(
    scored.map((s) => ({ s, recordalId: s.result.recordalId, markId: s.result.markId, probability: s.result.probability!, region: s.result.region })),
    fusion.threshold,
  );
  const ordered = placed.ordered.map((p) => p.s);
  const rankOf = new Map(ordered.map((s, i) => [s, i + 1]));
  const samePlaceAs = new Map([...placed.explainedBy].map(([c, by]) => [c.s, { markId: by.markId, markName: by.s.result.markName, rank: rankOf.get(by.s)! }]));

  const results = ordered.slice(0, options.everyCandidate ? ordered.length : top).map((s, i) => {
    const details = s.result.recordalId ? (recordals.details(s.result.recordalId) ?? null) : null;
    const flag = decideFlag(s.result.probability!, fusion.threshold, details, {
      date,
      niceClass: options.niceClass,
      importer: options.importer,
      exporter: options.exporter,
      calibrated,
    });
    return {
      ...s.result,
      rank: i + 1,
      likelyInfringement: flag.likelyInfringement,
      reasons: flag.reasons,
      explanation: {
        cosine: round(s.evidence.cosine),
        contrast: round(s.evidence.contrast),
        window: round(s.evidence.window),
        margin: round(s.evidence.margin),
        matches: s.v.matches,
        inliers: s.v.inliers,
        inlierRatio: round(s.v.inlierRatio, 1e3),
        quad: s.v.quad ? s.v.quad.map(([x, y]) => [Math.round(toPhoto(x)), Math.round(toPhoto(y))] as [number, number]) : null,
        box: s.result.box ?? null,
        textRead: s.textRead,
        textScore: round(s.evidence.textScore, 1e3),
        textMatch: s.textMatch,
        rules: flag.reasons,
        fusion: fusion.coefficients.version,
        foundBy: foundByText.has(s.sha) ? 'text' : 'image',
        samePlaceAs: samePlaceAs.get(s) ?? null,
      },
    } satisfies MatchResult;
  });
  return {
    results,
    text: text.lines.map((l) => ({ text: l.text, confidence: round(l.confidence, 1e3), box: scaleBox(l.rect) })),
    verifyMs,
    ocrMs,
    warnings,
  };
}
