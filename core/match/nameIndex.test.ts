import { describe, expect, it } from 'vitest';
import type { GalleryMark } from '../search';
import { NameIndex } from './nameIndex';

function gallery(names: Record<string, string>): { marksByImage: Map<string, GalleryMark[]> } {
  const marksByImage = new Map<string, GalleryMark[]>();
  for (const [sha, markName] of Object.entries(names)) {
    marksByImage.set(sha, [{ markId: sha, recordalId: `R-${sha}`, markName, holder: null, status: 'active' }]);
  }
  return { marksByImage };
}

describe('NameIndex', () => {
  const index = new NameIndex(gallery({ a: 'Adidas', b: 'Inception Labs', c: '耐克', d: 'Help Scout', e: 'Puma' }));

  it('finds marks whose names the photo text spells, look-alikes included', () => {
    expect(index.search(['adibas']).map((h) => h.sha)).toEqual(['a']);
    expect(index.search(['"Help Scout']).map((h) => h.sha)).toEqual(['d']);
    expect(index.search(['正品耐客运动鞋']).map((h) => h.sha)).toEqual(['c']);
  });

  it('finds nothing for unrelated or too short text', () => {
    expect(index.search(['MADE IN CHINA', '42'])).toEqual([]);
    expect(index.search([])).toEqual([]);
  });
});
