// Both packages -> one list of marks with a shared brand key.
import { logosBrandKey, simpleIconsBrandKey } from './brandKey';
import type { GalleryEntry } from './galleryMark';
import { loadLogosMarks } from './iconifyLogosMarks';
import { loadSimpleIconMarks } from './simpleIconsMarks';

export function collectGallery(): GalleryEntry[] {
  const logos = loadLogosMarks().map((m) => ({
    id: m.id,
    source: 'iconify-logos' as const,
    brand: logosBrandKey(m.name),
    title: m.name,
    svg: m.svg,
  }));
  const logosKeys = new Set(logos.map((m) => m.brand));
  const simple = loadSimpleIconMarks().map((m) => ({
    id: m.id,
    source: 'simple-icons' as const,
    brand: simpleIconsBrandKey(m.names, logosKeys),
    title: m.names.title,
    svg: m.svg,
  }));
  return [...simple, ...logos];
}

/** Brands that have at least one mark in each package. */
export function sharedBrands(marks: readonly { brand: string; source: string }[]): string[] {
  const sources = new Map<string, Set<string>>();
  for (const m of marks) {
    const set = sources.get(m.brand) ?? new Set<string>();
    set.add(m.source);
    sources.set(m.brand, set);
  }
  return [...sources].filter(([, s]) => s.size > 1).map(([b]) => b).sort();
}
