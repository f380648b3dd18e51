import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import type { Database } from '../../../db';
import { embeddingRepository, imageRepository } from '../../../db';
import { syncStateRepository } from '../../../db/repositories/syncStateRepository';
import type { ProgressListener } from '../../../api/progress';
import type { PublishReport } from '../../../api/sync';
import { MarkSightError } from '../../../api/errors';
import type { EmbeddingRow } from '../embeddingsFile';
import { PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, SYNC_MIN_SCHEMA_VERSION } from '../packageManifest';
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
  const stored = embeddingRepository(db).loadAll(modelId, model.dim);
  const rowOf = new Map(stored.imageSha256.map((sha, i) => [sha, i]));
  const rows: EmbeddingRow[] = [];
  for (const sha of imageShas) {
    const i = rowOf.get(sha);
    if (i !== undefined) rows.push({ imageSha256: sha, vector: stored.vectors.slice(i * model.dim, (i + 1) * model.dim) });
  }
  return { modelId, modelName: model.name, dim: model.dim, rows };
}

/**
 * Builds the next package from the publisher's database: the difference between what it last
 * published and what it holds now (or everything, for a snapshot). The package is written beside
 * `outDir` and moved into place only after the database has recorded it as published.
 */
export async function publishPackage(db: Database, options: PublishOptions): Promise<PublishReport> {
  checkOutDir(options.outDir);
  const privateKey = loadPrivateKey(options.privateKeyPem);
  const { sequence, baseSequence } = sequenceFor(db, options);
  const state = syncStateRepository(db);
  const current = readCatalogState(db);
  const diff = diffCatalog(current, options.snapshot ? [] : state.publishedItems());
  if (diff.operations.length === 0) {
    return { written: false, sequence: baseSequence ?? 0, baseSequence, operations: 0, images: 0, embeddings: 0, outDir: options.outDir };
  }

  const images = imageRepository(db);
  const tmp = `${options.outDir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const embeddings = embeddingsFor(db, options.modelId, diff.imageShas);
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
        embeddings,
      },
      privateKey,
      options.onProgress,
    );
    db.transaction(() => {
      state.recordPublished({
        sequence,
        baseSequence,
        manifestSha256,
        publisherKeyId: manifest.publisherKeyId,
        createdAt: manifest.createdAt,
        operations: manifest.operations.length,
      });
      state.replacePublishedItems(publishedStateOf(current));
    })();
    if (existsSync(options.outDir)) rmdirSync(options.outDir);
    renameSync(tmp, options.outDir);
    return {
      written: true,
      sequence,
      baseSequence,
      operations: manifest.operations.length,
      images: diff.imageShas.length,
      embeddings: manifest.embeddings?.count ?? 0,
      outDir: options.outDir,
    };
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
