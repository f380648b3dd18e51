import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database } from '../../../db';
import { embeddingRepository, imageRepository, localFeatureRepository } from '../../../db';
import { syncStateRepository, type TrustedKey } from '../../../db/repositories/syncStateRepository';
import type { SyncOperationCounts } from '../../../api/sync';
import { catalogWriter } from '../../catalog/catalogWriter';
import type { PackageManifest } from '../packageManifest';
import { MARK_EXTRACTOR } from '../../verify/localFeatures';
import { SyncRejectedError } from '../SyncRejectedError';
import { checkSequence } from './checkSequence';
import { clearCatalog, operationWriter } from './applyOperation';
import type { InspectedPackage } from './inspectStagedFiles';

export interface ApplyInput {
  manifest: PackageManifest;
  manifestSha256: string;
  staged: InspectedPackage;
  /** Set when this package also pins the publisher key (first snapshot on a new device). */
  pinKey?: TrustedKey;
}

export function countOperations(manifest: PackageManifest): SyncOperationCounts {
  const counts: SyncOperationCounts = { upsertRecordal: 0, deleteRecordal: 0, addImage: 0, removeImage: 0, setAuthorisedParties: 0 };
  for (const op of manifest.operations) counts[op.op]++;
  return counts;
}

/** What the transaction stored besides the catalogue. */
export interface AppliedCounts {
  localFeatures: number;
}

/**
 * Applies a verified, staged package in ONE transaction: images, operations, vectors, local features,
 * the applied sequence (and the pinned key, if any). Any throw rolls all of it back; a kill mid-way
 * leaves only an uncommitted WAL tail, which SQLite discards on the next open.
 */
export function applyPackage(db: Database, input: ApplyInput): AppliedCounts {
  const { manifest, manifestSha256, staged } = input;
  const state = syncStateRepository(db);
  const images = imageRepository(db);
  const embeddings = embeddingRepository(db);
  const writeOperation = operationWriter(db);

  return db.transaction((): AppliedCounts => {
    // another sync may have committed since we checked: decide again under the write lock
    if (checkSequence(manifest, manifestSha256, state.lastApplied()) === 'already-applied') return { localFeatures: 0 };
    if (input.pinKey) state.pinKey(input.pinKey);
    if (manifest.baseSequence === null) clearCatalog(db);

    for (const img of staged.images) {
      const bytes = readFileSync(img.path);
      // the staging folder is ours, but re-hashing costs little and closes the window since it was checked
      if (createHash('sha256').update(bytes).digest('hex') !== img.sha256) {
        throw new SyncRejectedError('HASH', `staged image ${img.sha256.slice(0, 12)} changed after it was checked`);
      }
      images.put({ sha256: img.sha256, format: img.format, width: img.width, height: img.height, bytes });
    }
    for (const op of manifest.operations) writeOperation(op);

    if (manifest.embeddings && manifest.modelId && staged.embeddings.length) {
      const { modelName, dim } = manifest.embeddings;
      const known = db.prepare('SELECT dim FROM models WHERE id = ?').pluck().get(manifest.modelId) as number | undefined;
      if (known !== undefined && known !== dim) {
        throw new SyncRejectedError('EMBEDDINGS', `model ${manifest.modelId.slice(0, 12)} has ${known} dims here, the package says ${dim}`);
      }
      embeddings.registerModel({ id: manifest.modelId, name: modelName, dim });
      embeddings.putMany(manifest.modelId, staged.embeddings);
      // a listed view with no row for an image means that view would repeat the full one: record so
      for (const { region } of manifest.embeddings.views?.slice(1) ?? []) {
        const has = new Set(staged.embeddings.filter((r) => r.region === region).map((r) => r.imageSha256));
        const same = staged.embeddings.filter((r) => r.region === 'full' && !has.has(r.imageSha256));
        embeddings.putMany(manifest.modelId, same.map((r) => ({ imageSha256: r.imageSha256, region, vector: null })));
      }
    }
    // another extractor's keypoints would not match this build's photo features: re-extract instead
    const storeFeatures = manifest.localFeatures?.extractor === MARK_EXTRACTOR && staged.localFeatures.length > 0;
    if (storeFeatures) localFeatureRepository(db).putMany(MARK_EXTRACTOR, staged.localFeatures);
    catalogWriter(db).pruneImages();
    state.recordApplied({
      sequence: manifest.sequence,
      baseSequence: manifest.baseSequence,
      manifestSha256,
      publisherKeyId: manifest.publisherKeyId,
      createdAt: manifest.createdAt,
      operations: manifest.operations.length,
    });
    return { localFeatures: storeFeatures ? staged.localFeatures.length : 0 };
  }).immediate();
}
