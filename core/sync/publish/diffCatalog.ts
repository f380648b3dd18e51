import type { PublishedItem } from '../../../db/repositories/syncStateRepository';
import type { PackageOperation } from '../packageManifest';
import type { CatalogItem } from './readCatalogState';

export interface CatalogDiff {
  operations: PackageOperation[];
  /** Images the operations use that the device cannot have yet: they travel in the package. */
  imageShas: string[];
}

const keyOf = (kind: string, id: string) => `${kind}\u0000${id}`;

/**
 * The operations that turn the published state into the current one. Removals come first, so a mark
 * that moved (out of a deleted recordal, or from standalone into a recordal) is re-created, not lost.
 * `published` empty (a snapshot) gives every item as an upsert and every image.
 */
export function diffCatalog(current: CatalogItem[], published: PublishedItem[]): CatalogDiff {
  const before = new Map(published.map((p) => [keyOf(p.kind, p.id), p]));
  const now = new Set(current.map((c) => keyOf(c.kind, c.id)));
  const publishedImages = new Set(published.filter((p) => p.kind === 'image').map((p) => p.id));

  const removals: PackageOperation[] = [];
  for (const p of published) {
    if (now.has(keyOf(p.kind, p.id))) continue;
    if (p.kind === 'recordal') removals.push({ op: 'deleteRecordal', recordalId: p.id });
    if (p.kind === 'mark') removals.push({ op: 'removeImage', markId: p.id });
  }

  const upserts: PackageOperation[] = [];
  const partyChanges: PackageOperation[] = [];
  const images = new Set<string>();
  for (const item of current) {
    const old = before.get(keyOf(item.kind, item.id));
    if (!old || old.contentHash !== item.contentHash) {
      upserts.push(item.operation);
      for (const sha of item.imageShas) if (!publishedImages.has(sha)) images.add(sha);
    } else if (old.partiesHash !== item.partiesHash && item.operation.op === 'upsertRecordal') {
      partyChanges.push({ op: 'setAuthorisedParties', recordalId: item.id, parties: item.operation.parties });
    }
  }
  return { operations: [...removals, ...upserts, ...partyChanges], imageShas: [...images].sort() };
}

/** What the publisher records as "published" once the package is written: every item and image now. */
export function publishedStateOf(current: CatalogItem[]): PublishedItem[] {
  const images = new Set(current.flatMap((c) => c.imageShas));
  return [
    ...current.map(({ kind, id, contentHash, partiesHash }) => ({ kind, id, contentHash, partiesHash })),
    ...[...images].map((sha) => ({ kind: 'image' as const, id: sha, contentHash: sha, partiesHash: null })),
  ];
}
