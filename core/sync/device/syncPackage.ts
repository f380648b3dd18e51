import { readdirSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { Database } from '../../../db';
import { syncStateRepository, type TrustedKey } from '../../../db/repositories/syncStateRepository';
import type { ProgressListener } from '../../../api/progress';
import type { SyncReport } from '../../../api/sync';
import { MarkSightError } from '../../../api/errors';
import { imagesWithVectors } from '../packageManifest';
import { keyIdOf, loadPublicKey } from '../publisherKey';
import { SyncRejectedError } from '../SyncRejectedError';
import { openPackageSource } from '../transport/openPackageSource';
import { applyPackage, countOperations } from './applyPackage';
import { checkSequence } from './checkSequence';
import { inspectStagedFiles } from './inspectStagedFiles';
import { stagePackage } from './stagePackage';
import { verifyManifest } from './verifyManifest';

export interface SyncPackageOptions {
  /** A package folder or an http(s) URL of one. */
  from: string;
  /** Where files are staged (and partial downloads kept between runs), one sub-folder per package. */
  stagingRoot: string;
  /** The publisher's public key (PEM). Must match the pinned key, or is pinned when `pin` is set. */
  publicKeyPem?: string;
  /** Pin `publicKeyPem` with this package when no key is pinned yet; only a snapshot may do this. */
  pin?: boolean;
  /** Extra attempts per interrupted HTTP transfer within this run. */
  retries?: number;
  onProgress?: ProgressListener;
  /** Cancels a transfer mid-file, or before the transaction; a started transaction always finishes. */
  signal?: AbortSignal;
}

function keyToUse(db: Database, options: SyncPackageOptions): { key: KeyObject; pin?: TrustedKey } {
  const trusted = syncStateRepository(db).trustedKey();
  const given = options.publicKeyPem ? loadPublicKey(options.publicKeyPem) : null;
  if (trusted) {
    if (given && keyIdOf(given) !== trusted.keyId) {
      throw new SyncRejectedError('KEY', `--pubkey is key ${keyIdOf(given)}, but this device trusts publisher key ${trusted.keyId}`);
    }
    return { key: loadPublicKey(trusted.publicKeyPem) };
  }
  if (!given || !options.pin) {
    throw new SyncRejectedError('KEY', 'no publisher key is trusted yet: run `marksight trust --db FILE --pubkey FILE` (or sync a snapshot with --pubkey FILE --pin)');
  }
  return { key: given, pin: { keyId: keyIdOf(given), publicKeyPem: given.export({ type: 'spki', format: 'pem' }).toString() } };
}

/**
 * Best effort: the package is applied (or was already) whatever happens here; a folder held open by another program
 * (Windows: EBUSY, EPERM) is left for the next sync rather than reported as a failed sync.
 */
function removeStaging(stagingRoot: string, dir: string, { others = false } = {}): void {
  try {
    // once a package is applied, files staged for any other package (abandoned, or rejected for good) are moot:
    // the sequence has moved on, and a later package would be staged afresh
    rmSync(others ? stagingRoot : dir, { recursive: true, force: true });
    if (!others && readdirSync(stagingRoot).length === 0) rmdirSync(stagingRoot);
  } catch {
    // already gone, or busy
  }
}

/**
 * Device side of sync, in check order: key → signature → manifest schema (paths, limits) → schema
 * version → sequence → stage every file (size, sha256) → decode images, vectors, local features → one transaction.
 * Any failed check throws SyncRejectedError before the database is touched.
 */
export async function syncPackage(db: Database, options: SyncPackageOptions): Promise<Omit<SyncReport, 'index'>> {
  const state = syncStateRepository(db);
  const { key, pin } = keyToUse(db, options);
  const source = openPackageSource(options.from, { retries: options.retries });
  const { manifest, manifestSha256 } = await verifyManifest(source, key);
  if (pin && manifest.baseSequence !== null) {
    throw new SyncRejectedError('KEY', `a publisher key can only be pinned with a snapshot; package ${manifest.sequence} is a delta`);
  }
  if (state.schemaVersion() < manifest.minSchemaVersion) {
    throw new SyncRejectedError('SCHEMA', `package needs database schema ${manifest.minSchemaVersion}, this one is ${state.schemaVersion()}: update MarkSight`);
  }
  const stagingDir = join(options.stagingRoot, manifestSha256.slice(0, 16));
  const report = {
    sequence: manifest.sequence,
    baseSequence: manifest.baseSequence,
    alreadyApplied: false,
    operations: countOperations(manifest),
    images: 0,
    embeddings: 0,
    localFeatures: 0,
    bytesFetched: 0,
  };
  if (checkSequence(manifest, manifestSha256, state.lastApplied()) === 'already-applied') {
    removeStaging(options.stagingRoot, stagingDir);
    return { ...report, alreadyApplied: true };
  }

  report.bytesFetched = await stagePackage(source, manifest, stagingDir, options.onProgress, options.signal);
  const staged = await inspectStagedFiles(manifest, stagingDir, options.onProgress);
  if (options.signal?.aborted) throw new MarkSightError('CANCELLED', 'sync cancelled; nothing was applied');
  options.onProgress?.({ phase: 'apply', done: 0, total: 1 });
  const applied = applyPackage(db, { manifest, manifestSha256, staged, pinKey: pin });
  options.onProgress?.({ phase: 'apply', done: 1, total: 1 });
  removeStaging(options.stagingRoot, stagingDir, { others: true });
  return { ...report, images: staged.images.length, embeddings: imagesWithVectors(manifest.embeddings), localFeatures: applied.localFeatures };
}
