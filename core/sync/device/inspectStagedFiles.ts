import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressListener } from '../../../api/progress';
import { decodeImage } from '../../image';
import { decodeEmbeddings, type EmbeddingRow } from '../embeddingsFile';
import { decodeLocalFeatures, type LocalFeatureRow } from '../localFeaturesFile';
import { EMBEDDINGS_FILE, embeddingRegions, imageShaOfPath, LOCAL_FEATURES_FILE, type PackageManifest } from '../packageManifest';
import { SyncRejectedError } from '../SyncRejectedError';

export interface StagedImage {
  sha256: string;
  path: string;
  format: string;
  width: number;
  height: number;
}

export interface InspectedPackage {
  images: StagedImage[];
  embeddings: EmbeddingRow[];
  /** Decoded and checked whatever the extractor; applyPackage decides whether to store them. */
  localFeatures: LocalFeatureRow[];
}

/** Decoding is I/O- and thread-pool-bound in sharp: a few at a time keeps both cores busy. */
const CONCURRENCY = 4;

/**
 * Decodes every staged image (the same checks as an import: real image, within the pixel limit) and
 * reads the embeddings and local features. Of images only metadata is kept; their bytes are read again
 * inside the apply transaction.
 */
export async function inspectStagedFiles(
  manifest: PackageManifest,
  stagingDir: string,
  onProgress?: ProgressListener,
): Promise<InspectedPackage> {
  const entries = manifest.files.filter((f) => imageShaOfPath(f.path) !== null);
  const images: StagedImage[] = new Array(entries.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < entries.length; i = next++) {
      const path = join(stagingDir, entries[i].path);
      try {
        // a small raster is enough to prove the file decodes; embedding decodes again at its own size
        const d = await decodeImage(path, 64);
        images[i] = { sha256: entries[i].sha256, path, format: d.format, width: d.width, height: d.height };
      } catch (err) {
        throw new SyncRejectedError('IMAGE', `${entries[i].path}: ${(err as Error).message.replace(`${path}: `, '')}`);
      }
      onProgress?.({ phase: 'verify', done: ++done, total: entries.length });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  const inPackage = new Set(images.map((i) => i.sha256));
  let embeddings: EmbeddingRow[] = [];
  if (manifest.embeddings) {
    const { dim, count } = manifest.embeddings;
    const decoded = decodeEmbeddings(readFileSync(join(stagingDir, EMBEDDINGS_FILE)), dim, count);
    if ('reason' in decoded) throw new SyncRejectedError('EMBEDDINGS', `${EMBEDDINGS_FILE} ${decoded.reason}`);
    const stray = decoded.rows.find((r) => !inPackage.has(r.imageSha256));
    if (stray) throw new SyncRejectedError('EMBEDDINGS', `${EMBEDDINGS_FILE} has a vector for image ${stray.imageSha256.slice(0, 12)}, which is not in the package`);
    const regions = embeddingRegions(manifest.embeddings);
    embeddings = decoded.rows.map((r, i) => ({ ...r, region: regions[i] }));
    const withFull = new Set(embeddings.filter((r) => r.region === 'full').map((r) => r.imageSha256));
    const orphan = embeddings.find((r) => !withFull.has(r.imageSha256));
    if (orphan) throw new SyncRejectedError('EMBEDDINGS', `${EMBEDDINGS_FILE} has a ${orphan.region} view of image ${orphan.imageSha256.slice(0, 12)} but no full vector`);
  }
  let localFeatures: LocalFeatureRow[] = [];
  if (manifest.localFeatures) {
    const decoded = decodeLocalFeatures(readFileSync(join(stagingDir, LOCAL_FEATURES_FILE)), manifest.localFeatures.count);
    if ('reason' in decoded) throw new SyncRejectedError('LOCAL_FEATURES', `${LOCAL_FEATURES_FILE} ${decoded.reason}`);
    const stray = decoded.rows.find((r) => !inPackage.has(r.imageSha256));
    if (stray) {
      throw new SyncRejectedError('LOCAL_FEATURES', `${LOCAL_FEATURES_FILE} has features for image ${stray.imageSha256.slice(0, 12)}, which is not in the package`);
    }
    localFeatures = decoded.rows;
  }
  return { images, embeddings, localFeatures };
}
