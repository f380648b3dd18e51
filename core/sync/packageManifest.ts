import { z } from 'zod';
import { MARK_KINDS, PARTY_ROLES, RECORDAL_STATUSES } from '../../api/recordal';
import { IMAGE_EXTENSIONS, MAX_INPUT_BYTES } from '../image/limits';
import { isSafePackagePath } from './packagePath';

/**
 * The update package format, in one place: `manifest.json` (this schema), `manifest.sig` (Ed25519 over
 * the exact manifest bytes, base64), `images/<sha256>.<ext>`, optional `embeddings.bin` and `localFeatures.bin`.
 * Documented for people in docs/sync-package-format.md; change both together.
 */
export const PACKAGE_FORMAT = 'marksight-sync';
export const PACKAGE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const EMBEDDINGS_FILE = 'embeddings.bin';
export const LOCAL_FEATURES_FILE = 'localFeatures.bin';
/** The first schema version with the sync tables; packages never need less. */
export const SYNC_MIN_SCHEMA_VERSION = 40;

/** Checked before anything is read in full: a hostile package cannot fill the disk or the memory. */
export const PACKAGE_LIMITS = {
  manifestBytes: 256 * 1024 * 1024,
  signatureBytes: 1024,
  imageBytes: MAX_INPUT_BYTES,
  // both binary files are read whole (readFileSync): Node refuses files over 2 GiB
  embeddingsBytes: 1024 * 1024 * 1024,
  /** Read whole into memory on the device; a publisher leaves out the rows past it (the device extracts those). */
  localFeaturesBytes: 1024 * 1024 * 1024,
  totalBytes: 64 * 1024 * 1024 * 1024,
  files: 2_000_000,
  operations: 2_000_000,
} as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256');
const keyId = z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lowercase hex digits');
const id = z.string().min(1).max(200);
const name = z.string().min(1).max(1000);
const optionalText = z.string().max(10_000).nullable();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable();

export const recordalSchema = z.strictObject({
  id,
  holder: name,
  holderCountry: optionalText,
  markName: name,
  registrationNo: optionalText,
  niceClasses: z.array(z.number().int().min(1).max(45)).max(45),
  validFrom: isoDate,
  validTo: isoDate,
  status: z.enum(RECORDAL_STATUSES),
});

export const partySchema = z.strictObject({ role: z.enum(PARTY_ROLES), name });
const parties = z.array(partySchema).max(10_000);

export const markSchema = z.strictObject({
  id,
  imageSha256: sha256Hex,
  kind: z.enum(MARK_KINDS),
  sourcePath: z.string().max(1000).nullable(),
});

const genuineGoods = z
  .strictObject({ origin: optionalText, ports: optionalText, usualPrice: optionalText, features: optionalText })
  .nullable();

/** A recordal with everything about it; the device ends up holding exactly this (its marks included). */
const upsertRecordal = z.strictObject({
  op: z.literal('upsertRecordal'),
  recordal: recordalSchema,
  parties,
  genuineGoods,
  knownInfringers: z.array(name).max(10_000),
  marks: z.array(markSchema).max(10_000),
});
const deleteRecordal = z.strictObject({ op: z.literal('deleteRecordal'), recordalId: id });
/** A mark (and its image) outside or inside a recordal, added or replaced. */
const addImage = z.strictObject({ op: z.literal('addImage'), recordalId: id.nullable(), mark: markSchema });
const removeImage = z.strictObject({ op: z.literal('removeImage'), markId: id });
/** Licensee / importer / ... changes without resending the recordal and its images. */
const setAuthorisedParties = z.strictObject({ op: z.literal('setAuthorisedParties'), recordalId: id, parties });

export const operationSchema = z.discriminatedUnion('op', [upsertRecordal, deleteRecordal, addImage, removeImage, setAuthorisedParties]);
export type PackageOperation = z.infer<typeof operationSchema>;
export type UpsertRecordalOperation = z.infer<typeof upsertRecordal>;
export type PackageMark = z.infer<typeof markSchema>;

export const fileEntrySchema = z.strictObject({
  path: z.string().refine(isSafePackagePath, { error: (i) => `'${String(i.input)}' is not a safe relative path inside the package` }),
  sha256: sha256Hex,
  size: z.number().int().min(0),
});
export type PackageFile = z.infer<typeof fileEntrySchema>;

/** Vectors made by one model for some of the package's images; rows are laid out as in embeddingsFile.ts. */
export const embeddingsSchema = z
  .strictObject({
    path: z.literal(EMBEDDINGS_FILE),
    modelName: name,
    dim: z.number().int().min(1).max(4096),
    /** Rows in the file, all views together. */
    count: z.number().int().min(0),
    /**
     * The file's rows in sections, one per gallery view, in this order; absent: every row is 'full'.
     * An image with a 'full' row and none in a later view has no distinct view there (it is opaque).
     */
    views: z
      .array(z.strictObject({ region: z.string().regex(/^[a-z]{1,20}$/), count: z.number().int().min(0) }))
      .min(1)
      .max(8)
      .optional(),
  })
  .refine((e) => !e.views || e.views.reduce((n, v) => n + v.count, 0) === e.count, 'the embeddings views do not add up to count')
  .refine((e) => !e.views || e.views[0].region === 'full', "the first embeddings view must be 'full'")
  .refine((e) => !e.views || new Set(e.views.map((v) => v.region)).size === e.views.length, 'an embeddings view is listed twice');

/** The region of each row of embeddings.bin, in file order. */
export function embeddingRegions(e: z.infer<typeof embeddingsSchema>): string[] {
  return (e.views ?? [{ region: 'full', count: e.count }]).flatMap((v) => Array<string>(v.count).fill(v.region));
}

/** Images the package carries a (full) vector for. */
export function imagesWithVectors(e: z.infer<typeof embeddingsSchema> | undefined): number {
  return e ? (e.views?.[0].count ?? e.count) : 0;
}

/** Keypoints + descriptors of some of the package's images, by one extractor; rows as in localFeaturesFile.ts. */
export const localFeaturesSchema = z.strictObject({
  path: z.literal(LOCAL_FEATURES_FILE),
  /** The extractor id (MARK_EXTRACTOR): a device stores the rows only when it runs the same one. */
  extractor: z.string().min(1).max(200),
  count: z.number().int().min(0),
});

const IMAGE_PATH = new RegExp(`^images/([0-9a-f]{64})(${IMAGE_EXTENSIONS.map((e) => e.replace('.', '\\.')).join('|')})$`);

/** The sha256 an image path names, or null when the path is not `images/<sha256>.<ext>`. */
export function imageShaOfPath(path: string): string | null {
  return IMAGE_PATH.exec(path)?.[1] ?? null;
}

export const manifestSchema = z
  .strictObject({
    format: z.literal(PACKAGE_FORMAT),
    formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
    sequence: z.number().int().min(1),
    /** null: a full snapshot that replaces the device's catalogue; else the sequence this delta builds on. */
    baseSequence: z.number().int().min(0).nullable(),
    createdAt: z.iso.datetime(),
    publisherKeyId: keyId,
    minSchemaVersion: z.number().int().min(0),
    /** Model of the vectors in `embeddings`, when the package carries any. */
    modelId: sha256Hex.optional(),
    embeddings: embeddingsSchema.optional(),
    localFeatures: localFeaturesSchema.optional(),
    operations: z.array(operationSchema).max(PACKAGE_LIMITS.operations),
    files: z.array(fileEntrySchema).max(PACKAGE_LIMITS.files),
  })
  .superRefine((m, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (m.baseSequence !== null && m.sequence !== m.baseSequence + 1) {
      issue(`sequence ${m.sequence} does not follow its base sequence ${m.baseSequence}`);
    }
    if ((m.embeddings === undefined) !== (m.modelId === undefined)) issue('modelId and embeddings go together');
    const seen = new Set<string>();
    let total = 0;
    for (const f of m.files) {
      if (seen.has(f.path)) issue(`file ${f.path} is listed twice`);
      seen.add(f.path);
      total += f.size;
      if (f.path === EMBEDDINGS_FILE) {
        if (!m.embeddings) issue(`${EMBEDDINGS_FILE} is listed but the manifest has no embeddings entry`);
        if (f.size > PACKAGE_LIMITS.embeddingsBytes) issue(`${f.path} is ${f.size} bytes, over the ${PACKAGE_LIMITS.embeddingsBytes} limit`);
        continue;
      }
      if (f.path === LOCAL_FEATURES_FILE) {
        if (!m.localFeatures) issue(`${LOCAL_FEATURES_FILE} is listed but the manifest has no localFeatures entry`);
        if (f.size > PACKAGE_LIMITS.localFeaturesBytes) issue(`${f.path} is ${f.size} bytes, over the ${PACKAGE_LIMITS.localFeaturesBytes} limit`);
        continue;
      }
      const sha = imageShaOfPath(f.path);
      if (sha === null) issue(`file ${f.path} is neither images/<sha256>.<ext>, ${EMBEDDINGS_FILE} nor ${LOCAL_FEATURES_FILE}`);
      else if (sha !== f.sha256) issue(`file ${f.path} is named for another sha256 than it lists`);
      if (f.size > PACKAGE_LIMITS.imageBytes) issue(`${f.path} is ${f.size} bytes, over the ${PACKAGE_LIMITS.imageBytes} image limit`);
    }
    if (m.embeddings && !seen.has(EMBEDDINGS_FILE)) issue(`the embeddings entry needs ${EMBEDDINGS_FILE} in files`);
    if (m.localFeatures && !seen.has(LOCAL_FEATURES_FILE)) issue(`the localFeatures entry needs ${LOCAL_FEATURES_FILE} in files`);
    if (total > PACKAGE_LIMITS.totalBytes) issue(`files total ${total} bytes, over the ${PACKAGE_LIMITS.totalBytes} limit`);
  });
export type PackageManifest = z.infer<typeof manifestSchema>;
