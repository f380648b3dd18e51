import { meanDirection, type OnnxEmbedder } from '../embed';
import { cutRegions, groundFreeCopies, widerViews } from '../detect';
import type { Box, RasterImage } from '../image';

export interface PlaceVectors {
  /** One per box (in the order given), then one per ground-free copy (in `groundFreeOf`'s order). */
  vectors: Float32Array[];
  /** The box each ground-free copy's vector belongs to. */
  groundFreeOf: number[];
}

/**
 * The vectors a query searches with, for the boxes it cut from the photo. The first places after the whole
 * photo (among the first `placeCount` boxes: the detector's marks and the proposals, not a crop or text line) are
 * also cut wider, and searched with the mean of both views' embeddings (`widerViews`). With `groundFree`, each
 * region that has a ground to remove is searched a second time without it. One batch for the model.
 * The queries and the hubness reference (models/scripts/build_hubness_reference.mts) both embed through here; the
 * reference leaves out the ground-free copies and the wider views, each of which measured worse there.
 */
export async function embedPlaces(
  photo: RasterImage,
  embedder: OnnxEmbedder,
  boxes: Box[],
  { placeCount = boxes.length, groundFree = true, wider = true }: { placeCount?: number; groundFree?: boolean; wider?: boolean } = {},
): Promise<PlaceVectors> {
  const views = wider ? widerViews(boxes.slice(0, placeCount), photo.width, photo.height) : [];
  const cut = await cutRegions(photo, [...boxes, ...views.map((v) => v.box)], embedder.querySide);
  const regions = cut.slice(0, boxes.length);
  const copies = groundFree ? await groundFreeCopies(regions) : [];
  const embedded = await embedder.embedQueries([...regions, ...copies.map((g) => g.raster), ...cut.slice(boxes.length)]);
  const vectors = embedded.slice(0, boxes.length + copies.length);
  const viewVectors = embedded.slice(vectors.length);
  views.forEach((v, j) => (vectors[v.place] = meanDirection([vectors[v.place], viewVectors[j]])));
  return { vectors, groundFreeOf: copies.map((g) => g.region) };
}
