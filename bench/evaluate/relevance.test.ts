import { describe, expect, it } from 'vitest';
import type { GalleryMark } from '../gallery/galleryMark';
import type { TruthRow } from '../photos/truthRow';
import type { GalleryBrands } from './galleryBrands';
import { realPhotoRelevance, syntheticRelevance } from './relevance';

const marks: GalleryMark[] = [
  { id: 'si-google', source: 'simple-icons', brand: 'google', title: 'Google' },
  { id: 'lg-google', source: 'iconify-logos', brand: 'google', title: 'google' },
  { id: 'lg-google-icon', source: 'iconify-logos', brand: 'google', title: 'google-icon' },
  { id: 'si-nike', source: 'simple-icons', brand: 'nike', title: 'Nike' },
];
const brands: GalleryBrands = {
  mark: (id) => marks.find((m) => m.id === id),
  idsOf: (b) => marks.filter((m) => m.brand === b).map((m) => m.id),
  idsOfSource: (b, s) => marks.filter((m) => m.brand === b && m.source === s).map((m) => m.id),
};
const row = (kind: TruthRow['kind'], markId: string | null, brand: string | null): TruthRow => ({
  file: 'x.jpg', kind, markId, brand, box: [0, 0, 1, 1], width: 1, height: 1, surface: 'paper', tags: [], others: [],
});

describe('relevance', () => {
  it('easy/hard: every drawing of the brand counts, nothing hidden', () => {
    const r = syntheticRelevance(row('easy', 'lg-google', 'google'), brands);
    expect([...r.relevant].sort()).toEqual(['lg-google', 'lg-google-icon', 'si-google']);
    expect(r.hidden.size).toBe(0);
  });

  it('hard: other recorded marks in the photo (clutter) are hidden, unknown clutter is not', () => {
    const hard = { ...row('hard', 'si-google', 'google'), others: [
      { markId: 'si-nike', brand: 'nike', box: [0, 0, 1, 1] as [number, number, number, number] },
      { markId: null, brand: null, box: [0, 0, 1, 1] as [number, number, number, number] },
    ] };
    const r = syntheticRelevance(hard, brands);
    expect([...r.relevant].sort()).toEqual(['lg-google', 'lg-google-icon', 'si-google']);
    expect([...r.hidden]).toEqual(['si-nike']);
  });

  it("redrawn: hides the source package's drawings, counts only the other package", () => {
    const fromLogos = syntheticRelevance(row('redrawn', 'lg-google-icon', 'google'), brands);
    expect([...fromLogos.relevant]).toEqual(['si-google']);
    expect([...fromLogos.hidden].sort()).toEqual(['lg-google', 'lg-google-icon']);
    const fromSi = syntheticRelevance(row('redrawn', 'si-google', 'google'), brands);
    expect([...fromSi.relevant].sort()).toEqual(['lg-google', 'lg-google-icon']);
    expect([...fromSi.hidden]).toEqual(['si-google']);
  });

  it('negative: nothing relevant', () => {
    expect(syntheticRelevance(row('negative', null, null), brands).relevant.size).toBe(0);
  });

  it('real photos: labelled ids plus their brand siblings', () => {
    const r = realPhotoRelevance({ photo: 'p.jpg', brand: 'google', simpleIcons: 'google', iconifyLogos: null, box: [0, 0, 1, 1], tags: [] }, brands);
    expect([...r.relevant].sort()).toEqual(['lg-google', 'lg-google-icon', 'si-google']);
  });
});
