// Which gallery marks a split may photograph, and the SVG for any gallery id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GalleryMark } from '../gallery/galleryMark';
import { compactName } from '../gallery/brandKey';
import { readJsonl } from '../lib/jsonl';
import { galleryJsonl, gallerySvgDir } from '../lib/paths';
import type { Rng } from '../lib/prng';
import type { Subject } from './photoPlan';
import { splitOfBrand, type Split } from './split';

export interface MarkPool {
  all: GalleryMark[];
  /** subjects for easy/hard: marks whose brand belongs to this split */
  subjects: GalleryMark[];
  /** subjects for redrawn: brands of this split drawn by both packages */
  sharedBrands: string[];
  byBrand: Map<string, GalleryMark[]>;
  /** names a random wordmark must not spell */
  forbiddenWords: Set<string>;
  svg(id: string): string;
  subject(mark: GalleryMark): Subject;
  /** n gallery marks of brands other than `brand` (clutter) */
  others(rng: Rng, brand: string | null, n: number): Subject[];
}

export function loadMarkPool(split: Split): MarkPool {
  const all = readJsonl<GalleryMark>(galleryJsonl);
  const byBrand = new Map<string, GalleryMark[]>();
  for (const m of all) byBrand.set(m.brand, [...(byBrand.get(m.brand) ?? []), m]);
  const inSplit = (brand: string) => splitOfBrand(brand) === split;
  const svg = (id: string) => readFileSync(join(gallerySvgDir, `${id}.svg`), 'utf8');
  const subject = (m: GalleryMark): Subject => ({ svg: svg(m.id), markId: m.id, brand: m.brand });
  return {
    all,
    subjects: all.filter((m) => inSplit(m.brand)),
    sharedBrands: [...byBrand]
      .filter(([b, ms]) => inSplit(b) && new Set(ms.map((m) => m.source)).size > 1)
      .map(([b]) => b)
      .sort(),
    byBrand,
    forbiddenWords: new Set(all.flatMap((m) => [m.brand, compactName(m.title)])),
    svg,
    subject,
    others: (rng, brand, n) => {
      const out: Subject[] = [];
      while (out.length < n) {
        const m = rng.pick(all);
        if (m.brand !== brand && !out.some((o) => o.brand === m.brand)) out.push(subject(m));
      }
      return out;
    },
  };
}
