import { createHash } from 'node:crypto';
import type { Database } from '../../../db';
import { markRepository, recordalRepository } from '../../../db';
import type { Recordal } from '../../../api/recordal';
import type { PublishedItemKind } from '../../../db/repositories/syncStateRepository';
import type { PackageMark, PackageOperation } from '../packageManifest';

type ItemOperation = Extract<PackageOperation, { op: 'upsertRecordal' | 'addImage' }>;

/** One publishable thing (a recordal with its marks, or a mark outside any recordal) as it is now. */
export interface CatalogItem {
  kind: Exclude<PublishedItemKind, 'image'>;
  id: string;
  /** The operation that gives a device exactly this item. */
  operation: ItemOperation;
  contentHash: string;
  /** Recordals only: the authorised parties hash apart, so a licensee change ships without the images. */
  partiesHash: string | null;
  imageShas: string[];
}

const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** The publisher's catalogue, item by item, in id order (so packages are reproducible). */
export function readCatalogState(db: Database): CatalogItem[] {
  const recordals = recordalRepository(db);
  const marksByRecordal = new Map<string | null, PackageMark[]>();
  for (const m of markRepository(db).all()) {
    const list = marksByRecordal.get(m.recordalId) ?? [];
    list.push({ id: m.id, imageSha256: m.imageSha256, kind: m.kind, sourcePath: m.sourcePath });
    marksByRecordal.set(m.recordalId, list);
  }
  const items: CatalogItem[] = [];
  // recordalRepository has no listing yet; ids are all this needs
  const ids = db.prepare('SELECT id FROM recordals ORDER BY id').pluck().all() as string[];
  for (const id of ids) {
    const d = recordals.details(id)!;
    // field by field, so a field added to RecordalDetails never leaks into packages unannounced
    const recordal: Recordal = {
      id: d.id,
      holder: d.holder,
      holderCountry: d.holderCountry,
      markName: d.markName,
      registrationNo: d.registrationNo,
      niceClasses: d.niceClasses,
      validFrom: d.validFrom,
      validTo: d.validTo,
      status: d.status,
    };
    const { parties, genuineGoods, knownInfringers } = d;
    const marks = marksByRecordal.get(id) ?? [];
    const operation = { op: 'upsertRecordal' as const, recordal, parties, genuineGoods, knownInfringers, marks };
    items.push({
      kind: 'recordal',
      id,
      operation,
      contentHash: hashOf({ recordal, genuineGoods, knownInfringers, marks }),
      partiesHash: hashOf(parties),
      imageShas: marks.map((m) => m.imageSha256),
    });
  }
  for (const mark of marksByRecordal.get(null) ?? []) {
    items.push({
      kind: 'mark',
      id: mark.id,
      operation: { op: 'addImage', recordalId: null, mark },
      contentHash: hashOf(mark),
      partiesHash: null,
      imageShas: [mark.imageSha256],
    });
  }
  return items;
}
