// Brand lookups over gallery.jsonl: which marks count as "the same brand" when scoring.
import type { GalleryMark, GallerySource } from '../gallery/galleryMark';
import { readJsonl } from '../lib/jsonl';
import { galleryJsonl } from '../lib/paths';

export interface GalleryBrands {
  mark(id: string): GalleryMark | undefined;
  /** every mark id of a brand */
  idsOf(brand: string): string[];
  idsOfSource(brand: string, source: GallerySource): string[];
}

export function loadGalleryBrands(path = galleryJsonl): GalleryBrands {
  const marks = readJsonl<GalleryMark>(path);
  const byId = new Map(marks.map((m) => [m.id, m]));
  const byBrand = new Map<string, GalleryMark[]>();
  for (const m of marks) byBrand.set(m.brand, [...(byBrand.get(m.brand) ?? []), m]);
  return {
    mark: (id) => byId.get(id),
    idsOf: (brand) => (byBrand.get(brand) ?? []).map((m) => m.id),
    idsOfSource: (brand, source) => (byBrand.get(brand) ?? []).filter((m) => m.source === source).map((m) => m.id),
  };
}
