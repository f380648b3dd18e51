import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { ProgressListener } from '../../../api/progress';
import type { StoredImage } from '../../../db';
import { encodeEmbeddings, type EmbeddingRow } from '../embeddingsFile';
import { encodeLocalFeatureRow, type LocalFeatureRow } from '../localFeaturesFile';
import {
  EMBEDDINGS_FILE,
  LOCAL_FEATURES_FILE,
  MANIFEST_FILE,
  SIGNATURE_FILE,
  manifestSchema,
  type PackageFile,
  type PackageManifest,
} from '../packageManifest';
import { signBytes } from '../publisherKey';

/** sharp's format names to the file extensions the image decoder recognises. */
const EXTENSION_OF_FORMAT: Record<string, string> = {
  png: '.png', jpeg: '.jpg', jpg: '.jpg', webp: '.webp', gif: '.gif', svg: '.svg', tiff: '.tif', tif: '.tif',
};

export interface PackageContent {
  header: Omit<PackageManifest, 'files' | 'embeddings' | 'modelId' | 'localFeatures'>;
  images: Iterable<StoredImage>;
  imageCount: number;
  embeddings?: { modelId: string; modelName: string; dim: number; rows: EmbeddingRow[] };
  localFeatures?: { extractor: string; rows: Iterable<LocalFeatureRow> };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Row by row, hashing as it goes: a snapshot's features run to hundreds of MB. Null (no file) when there are none. */
function writeLocalFeatures(path: string, rows: Iterable<LocalFeatureRow>): { count: number; sha256: string; size: number } | null {
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  let count = 0;
  let size = 0;
  try {
    for (const row of rows) {
      const bytes = encodeLocalFeatureRow(row);
      writeSync(fd, bytes);
      hash.update(bytes);
      size += bytes.length;
      count++;
    }
  } finally {
    closeSync(fd);
  }
  if (count === 0) {
    unlinkSync(path);
    return null;
  }
  return { count, sha256: hash.digest('hex'), size };
}

/**
 * Writes a complete package into `dir` (which must exist and be empty): image files, embeddings,
 * local features, then the manifest and its signature last. Returns the manifest and the sha256 of its bytes.
 */
export function writePackage(
  dir: string,
  content: PackageContent,
  privateKey: KeyObject,
  onProgress?: ProgressListener,
): { manifest: PackageManifest; manifestSha256: string } {
  const files: PackageFile[] = [];
  mkdirSync(join(dir, 'images'), { recursive: true });
  let done = 0;
  for (const image of content.images) {
    const ext = EXTENSION_OF_FORMAT[image.format];
    if (!ext) throw new Error(`image ${image.sha256} has format ${image.format}, which packages cannot carry`);
    const path = `images/${image.sha256}${ext}`;
    writeFileSync(join(dir, path), image.bytes);
    files.push({ path, sha256: sha256(image.bytes), size: image.bytes.length });
    onProgress?.({ phase: 'publish', done: ++done, total: content.imageCount });
  }

  let embeddings: Pick<PackageManifest, 'modelId' | 'embeddings'> = {};
  if (content.embeddings && content.embeddings.rows.length > 0) {
    const { modelId, modelName, dim, rows } = content.embeddings;
    const bytes = encodeEmbeddings(rows, dim);
    writeFileSync(join(dir, EMBEDDINGS_FILE), bytes);
    files.push({ path: EMBEDDINGS_FILE, sha256: sha256(bytes), size: bytes.length });
    const views = sectionsOf(rows);
    embeddings = { modelId, embeddings: { path: EMBEDDINGS_FILE, modelName, dim, count: rows.length, ...(views.length > 1 ? { views } : {}) } };
  }

  let localFeatures: Pick<PackageManifest, 'localFeatures'> = {};
  if (content.localFeatures) {
    const { extractor, rows } = content.localFeatures;
    const written = writeLocalFeatures(join(dir, LOCAL_FEATURES_FILE), rows);
    if (written) {
      files.push({ path: LOCAL_FEATURES_FILE, sha256: written.sha256, size: written.size });
      localFeatures = { localFeatures: { path: LOCAL_FEATURES_FILE, extractor, count: written.count } };
    }
  }

  // validate what we are about to sign: a publisher bug must not reach devices as a signed package
  const manifest = manifestSchema.parse({ ...content.header, ...embeddings, ...localFeatures, files });
  const bytes = Buffer.from(JSON.stringify(manifest, null, 1) + '\n');
  writeFileSync(join(dir, MANIFEST_FILE), bytes);
  writeFileSync(join(dir, SIGNATURE_FILE), signBytes(bytes, privateKey).toString('base64') + '\n');
  return { manifest, manifestSha256: sha256(bytes) };
}

/** Rows come grouped by view, full first: the manifest's sections say where each group starts. */
function sectionsOf(rows: EmbeddingRow[]): { region: string; count: number }[] {
  const sections: { region: string; count: number }[] = [];
  for (const r of rows) {
    const region = r.region ?? 'full';
    const last = sections.at(-1);
    if (last?.region === region) last.count++;
    else if (sections.some((s) => s.region === region)) throw new Error(`embedding rows of view ${region} are not together`);
    else sections.push({ region, count: 1 });
  }
  return sections;
}
