import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import type { Database } from '../../../db';
import { embeddingRepository, imageRepository, localFeatureRepository } from '../../../db';
import { syncStateRepository } from '../../../db/repositories/syncStateRepository';
import type { ProgressListener } from '../../../api/progress';
import type { PublishReport } from '../../../api/sync';
import { MarkSightError } from '../../../api/errors';
import type { EmbeddingRow } from '../embeddingsFile';
import { localFeatureRowBytes, localFeatureRowProblem, type LocalFeatureRow } from '../localFeaturesFile';
import { imagesWithVectors, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, PACKAGE_LIMITS, SYNC_MIN_SCHEMA_VERSION } from '../packageManifest';
import { MARK_EXTRACTOR } from '../../verify/localFeatures';
import { keyIdOf, loadPrivateKey } from '../publisherKey';
import { diffCatalog, publishedStateOf } from './diffCatalog';
import { readCatalogState } from './readCatalogState';
import { writePackage } from './writePackage';

export interface PublishOptions {
  /** The sequence the delta builds on: must be the last one this database published. */
  since?: number;
  /** A full package that replaces a device's catalogue (new devices, or after a divergence). */
  snapshot?: boolean;
  privateKeyPem: string;
  outDir: string;
  /** Model whose stored vectors travel with the images (the publisher's current model), if any. */
  modelId?: string;
  onProgress?: ProgressListener;
}

function checkOutDir(outDir: string): void {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    throw new MarkSightError('OUT_NOT_EMPTY', `${outDir} is not empty: give a new folder for the package`);
  }
}

function sequenceFor(db: Database, options: PublishOptions): { sequence: number; baseSequence: number | null } {
  const last = syncStateRepository(db).lastPublished()?.sequence ?? null;
  if (options.since !== undefined && options.since !== (last ?? 0)) {
    throw new MarkSightError('SEQUENCE', `--since ${options.since}, but this database last published ${last ?? 'nothing'}`);
  }
  if (options.snapshot) return { sequence: (last ?? 0) + 1, baseSequence: null };
  if (last === null) throw new MarkSightError('SEQUENCE', 'nothing published from this database yet: build the first package with --snapshot');
  if (options.since === undefined) throw new MarkSightError('SEQUENCE', `give --since ${last} (the last published sequence) or --snapshot`);
  return { sequence: last + 1, baseSequence: last };
}

function embeddingsFor(db: Database, modelId: string | undefined, imageShas: string[]) {
  if (!modelId) return undefined;
  const model = db.prepare('SELECT name, dim FROM models WHERE id = ?').get(modelId) as { name: string; dim: number } | undefined;
  if (!model) return undefined;
  const repo = embeddingRepository(db);
  const rows: EmbeddingRow[] = [];
  // one section per view the publisher holds, full first: devices then need not embed at all
  for (const region of repo.regions(modelId)) {
    const vectors = repo.vectorsOf(modelId, model.dim, region, imageShas);
    for (const sha of imageShas) {
      const vector = vectors.get(sha);
      if (vector) rows.push({ imageSha256: sha, region, vector });
    }
  }
  return { modelId, modelName: model.name, dim: model.dim, rows };
}

/**
 * The stored local features (current extractor) of the package's images, read one at a time as the
 * file is written. Rows past the size limit, or that the format cannot hold, stay out: the device
 * extracts those itself, as it would without the file.
 */
function* localFeaturesFor(db: Database, imageShas: string[]): Generator<LocalFeatureRow> {
  const repo = localFeatureRepository(db);
  let budget = PACKAGE_LIMITS.localFeaturesBytes;
  for (const sha of imageShas) {
    const row = repo.get(sha, MARK_EXTRACTOR);
    if (!row || localFeatureRowProblem(row) || localFeatureRowBytes(row.count) > budget) continue;
    budget -= localFeatureRowBytes(row.count);
    yield row;
  }
}

/** Reads, diffs, writes the files into `tmp` and records the package: called inside one transaction. */
function buildPackage(db: Database, options: PublishOptions, privateKey: KeyObject, tmp: string): PublishReport {
  const { sequence, baseSequence } = sequenceFor(db, options);
  const state = syncStateRepository(db);
  const current = readCatalogState(db);
  const diff = diffCatalog(current, options.snapshot ? [] : state.publishedItems());
  if (diff.operations.length === 0) {
    return { written: false, sequence: baseSequence ?? 0, baseSequence, operations: 0, images: 0, embeddings: 0, localFeatures: 0, outDir: options.outDir };
  }
  const images = imageRepository(db);
  mkdirSync(tmp, { recursive: true });
  const { manifest, manifestSha256 } = writePackage(
    tmp,
    {
      header: {
        format: PACKAGE_FORMAT,
        formatVersion: PACKAGE_FORMAT_VERSION,
        sequence,
        baseSequence,
        createdAt: new Date().toISOString(),
        publisherKeyId: keyIdOf(privateKey),
        minSchemaVersion: SYNC_MIN_SCHEMA_VERSION,
        operations: diff.operations,
      },
      images: (function* () {
        for (const sha of diff.imageShas) yield images.get(sha)!;
      })(),
      imageCount: diff.imageShas.length,
      embeddings: embeddingsFor(db, options.modelId, diff.imageShas),
      localFeatures: { extractor: MARK_EXTRACTOR, rows: localFeaturesFor(db, diff.imageShas) },
    },
    privateKey,
    options.onProgress,
  );
  state.recordPublished({
    sequence,
    baseSequence,
    manifestSha256,
    publisherKeyId: manifest.publisherKeyId,
    createdAt: manifest.createdAt,
    operations: manifest.operations.length,
  });
  state.replacePublishedItems(publishedStateOf(current));
  return {
    written: true,
    sequence,
    baseSequence,
    operations: manifest.operations.length,
    images: diff.imageShas.length,
    embeddings: imagesWithVectors(manifest.embeddings),
    localFeatures: manifest.localFeatures?.count ?? 0,
    outDir: options.outDir,
  };
}

/**
 * Builds the next package from the publisher's database: the difference between what it last
 * published and what it holds now (or everything, for a snapshot). Reading, writing the files and
 * recording the package happen in one transaction, so the package and the "published" state come
 * from the same consistent view; the folder is moved into place once that has committed.
 */
export async function publishPackage(db: Database, options: PublishOptions): Promise<PublishReport> {
  checkOutDir(options.outDir);
  const privateKey = loadPrivateKey(options.privateKeyPem);
  const tmp = `${options.outDir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    const report = db.transaction(() => buildPackage(db, options, privateKey, tmp))();
    if (report.written) {
      if (existsSync(options.outDir)) rmdirSync(options.outDir);
      renameSync(tmp, options.outDir);
    }
    return report;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
