import { describe, expect, it } from 'vitest';
import type { PublishedItem } from '../../../db/repositories/syncStateRepository';
import { diffCatalog, publishedStateOf } from './diffCatalog';
import type { CatalogItem } from './readCatalogState';

const sha = (c: string) => c.repeat(64);
function recordal(id: string, content: string, parties: string, image: string): CatalogItem {
  return {
    kind: 'recordal',
    id,
    operation: {
      op: 'upsertRecordal',
      recordal: { id, holder: 'H', holderCountry: null, markName: id, registrationNo: null, niceClasses: [], validFrom: null, validTo: null, status: 'active' },
      parties: [{ role: 'licensee', name: parties }],
      genuineGoods: null,
      knownInfringers: [],
      marks: [{ id: `m-${id}`, imageSha256: sha(image), kind: 'device', sourcePath: null }],
    },
    contentHash: content,
    partiesHash: parties,
    imageShas: [sha(image)],
  };
}
const standalone = (id: string, image: string): CatalogItem => ({
  kind: 'mark',
  id,
  operation: { op: 'addImage', recordalId: null, mark: { id, imageSha256: sha(image), kind: 'device', sourcePath: null } },
  contentHash: `c-${id}-${image}`,
  partiesHash: null,
  imageShas: [sha(image)],
});

describe('diffCatalog', () => {
  const published: PublishedItem[] = publishedStateOf([recordal('A', 'a1', 'p', '1'), recordal('B', 'b1', 'p', '2'), standalone('S', '3')]);

  it('is empty when nothing changed', () => {
    expect(diffCatalog([recordal('A', 'a1', 'p', '1'), recordal('B', 'b1', 'p', '2'), standalone('S', '3')], published).operations).toEqual([]);
  });

  it('removes first, then upserts, then changes parties; ships only images the device lacks', () => {
    const now = [recordal('A', 'a1', 'q', '1'), recordal('C', 'c1', 'p', '4'), recordal('D', 'd1', 'p', '2')];
    const diff = diffCatalog(now, published);
    expect(diff.operations.map((o) => o.op)).toEqual(['deleteRecordal', 'removeImage', 'upsertRecordal', 'upsertRecordal', 'setAuthorisedParties']);
    expect(diff.imageShas).toEqual([sha('4')]); // image 2 was published with B and is still on the device
  });

  it('a snapshot (nothing published) upserts everything with every image', () => {
    const diff = diffCatalog([recordal('A', 'a1', 'p', '1'), standalone('S', '3')], []);
    expect(diff.operations.map((o) => o.op)).toEqual(['upsertRecordal', 'addImage']);
    expect(diff.imageShas).toEqual([sha('1'), sha('3')]);
  });
});
