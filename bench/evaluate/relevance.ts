// What counts as a correct answer for one query, and what is hidden from the ranking first.
import type { TruthRow } from '../photos/truthRow';
import type { GalleryBrands } from './galleryBrands';

export interface Relevance {
  relevant: Set<string>;
  /** removed from the ranking before scoring */
  hidden: Set<string>;
}

/**
 * easy / hard: any drawing of the photographed brand; other recorded marks placed in the photo as
 * clutter are hidden (the engine is right to report them; the photo holds several recorded marks and
 * only the subject's rank is scored). redrawn: the photographed package's own
 * drawings of the brand are hidden (as if only the other artist's drawing were recorded) and only
 * the other package's drawings count. negative: nothing is relevant.
 */
export function syntheticRelevance(row: TruthRow, brands: GalleryBrands): Relevance {
  if (row.kind === 'negative' || !row.brand || !row.markId) return { relevant: new Set(), hidden: new Set() };
  if (row.kind === 'redrawn') {
    const source = brands.mark(row.markId)?.source;
    if (!source) throw new Error(`truth mark ${row.markId} is not in the gallery`);
    const other = source === 'simple-icons' ? 'iconify-logos' : 'simple-icons';
    return {
      relevant: new Set(brands.idsOfSource(row.brand, other)),
      hidden: new Set([row.markId, ...brands.idsOfSource(row.brand, source)]),
    };
  }
  const present = row.others.flatMap((o) => (o.brand && o.brand !== row.brand ? brands.idsOf(o.brand) : []));
  return { relevant: new Set(brands.idsOf(row.brand)), hidden: new Set(present) };
}

export interface RealPhotoLabel {
  photo: string;
  brand: string;
  simpleIcons: string | null;
  iconifyLogos: string | null;
  box: [number, number, number, number];
  tags: string[];
}

/** real photos: the labelled si-/lg- marks, plus every gallery mark sharing their brand key */
export function realPhotoRelevance(label: RealPhotoLabel, brands: GalleryBrands): Relevance {
  const ids = [label.simpleIcons && `si-${label.simpleIcons}`, label.iconifyLogos && `lg-${label.iconifyLogos}`].filter(
    (id): id is string => !!id,
  );
  const relevant = new Set(ids);
  for (const id of ids) {
    const brand = brands.mark(id)?.brand;
    if (brand) for (const sibling of brands.idsOf(brand)) relevant.add(sibling);
  }
  return { relevant, hidden: new Set() };
}
