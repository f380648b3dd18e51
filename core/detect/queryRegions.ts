import { clampBox, fitRegion, iou, withMargin, type Box, type RasterImage } from '../image';
import type { MarkDetector } from './markDetector';
import { proposeRegions, REGION_MARGIN } from './proposeRegions';

/**
 * Places searched besides the whole photo, detected marks first. Val, against no cap: synthetic kinds the same,
 * real photos R@1 0.358 -> 0.353 (they have ~6 detections and ~5 proposals each), whole-query p50 326 against 343 ms.
 */
const MAX_PLACES = 6;

/**
 * The regions a query embeds, in raster pixels: the whole photo first, then (unless `regions` is false) the
 * marks the detector found, each with the region margin, then the proposals that add a place (IoU <= 0.7), 6 at most.
 * The hubness reference is built from the same list, so it describes what a query really searches with.
 */
export async function queryRegions(photo: RasterImage, options: { regions?: boolean; detector?: MarkDetector | null } = {}): Promise<Box[]> {
  const boxes: Box[] = [[0, 0, photo.width, photo.height]];
  if (options.regions === false) return boxes;
  const detected = options.detector ? await options.detector.detect(photo) : [];
  for (const candidate of [...detected.map((d) => withMargin(d.box, REGION_MARGIN)), ...(await proposeRegions(photo))]) {
    const box = clampBox(candidate, photo.width, photo.height);
    if (box && !boxes.some((o) => iou(o, box) > 0.7)) boxes.push(box);
  }
  return boxes.slice(0, 1 + MAX_PLACES);
}

/**
 * The first places after the whole photo (the detector's best marks when it found any) are also seen with this
 * margin round the mark, and their descriptor is the mean of the two views' embeddings. The true box of 200 hard
 * val photos, embedding only: R@1 0.475 at the 12 % margin, 0.520 at 30 %, 0.530 for the mean of both. Whole
 * pipeline, the first 2 places: hard R@1 val 0.480 -> 0.495, test 0.405 -> 0.420 (R@10 0.550 -> 0.585), real
 * photos 0.347 -> 0.358, the other kinds the same; +14 ms embedding p50 (paired). Every place: val hard 0.560 and
 * real 0.383 on the first 100 / 175, against 0.570 and 0.371 with two, at about +60 ms.
 */
const WIDER_VIEW_MARGIN = 0.3;
const WIDER_VIEW_PLACES = 2;

/** The wider view of each of the first WIDER_VIEW_PLACES places after the whole photo (`places[0]`). */
export function widerViews(places: Box[], width: number, height: number): { place: number; box: Box }[] {
  const views: { place: number; box: Box }[] = [];
  for (let i = 1; i < Math.min(places.length, 1 + WIDER_VIEW_PLACES); i++) {
    // places already carry REGION_MARGIN: grow them by the rest, relative to the mark's own side
    const box = clampBox(withMargin(places[i], (WIDER_VIEW_MARGIN - REGION_MARGIN) / (1 + 2 * REGION_MARGIN)), width, height);
    if (box) views.push({ place: i, box });
  }
  return views;
}

/**
 * The inspector's crop (already clamped to the photo) as drawn and grown by the region margin: a box drawn
 * tight round the mark cuts its surface away, and the model knows marks with some around them. With the true box
 * as the crop (val, whole pipeline, 100 hard photos and 190 real ones): R@1 hard 0.57 -> 0.61, real 0.416 -> 0.432.
 */
export function inspectorRegions(crop: Box, width: number, height: number): Box[] {
  const grown = clampBox(withMargin(crop, REGION_MARGIN), width, height);
  return grown && iou(grown, crop) < 0.9 ? [crop, grown] : [crop];
}

/**
 * The pixels of each box fitted inside `side` x `side` (the size the model sees them at), each in one resample:
 * cutting out and then letterboxing took two, and ground removal a third (about 3 ms each).
 */
export function cutRegions(photo: RasterImage, boxes: Box[], side: number): Promise<RasterImage[]> {
  return Promise.all(boxes.map((b) => fitRegion(photo, b, side)));
}
