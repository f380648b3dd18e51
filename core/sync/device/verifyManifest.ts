import { createHash, type KeyObject } from 'node:crypto';
import { manifestSchema, PACKAGE_LIMITS, MANIFEST_FILE, SIGNATURE_FILE, type PackageManifest } from '../packageManifest';
import { keyIdOf, verifyBytes } from '../publisherKey';
import { SyncRejectedError } from '../SyncRejectedError';
import type { PackageSource } from '../transport/packageSource';

export interface VerifiedManifest {
  manifest: PackageManifest;
  manifestSha256: string;
}

/** The key id a manifest claims, read without trusting it: only to say whose signature it was. */
function claimedKeyId(bytes: Buffer): string {
  const m = /"publisherKeyId"\s*:\s*"([0-9a-f]{1,64})"/.exec(bytes.toString('utf8', 0, 4096));
  return m?.[1] ?? 'unknown';
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const i = error.issues[0];
  const where = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return where ? `${where}: ${i.message}` : i.message;
}

/**
 * Signature first, over the exact bytes; only then is the manifest parsed and checked against the
 * schema (paths, limits, shape). Nothing in an unsigned or altered manifest is ever acted on.
 */
export async function verifyManifest(source: PackageSource, publicKey: KeyObject): Promise<VerifiedManifest> {
  const bytes = await source.readSmall(MANIFEST_FILE, PACKAGE_LIMITS.manifestBytes);
  const sigText = (await source.readSmall(SIGNATURE_FILE, PACKAGE_LIMITS.signatureBytes)).toString('utf8').trim();
  const signature = Buffer.from(sigText, 'base64');
  const trusted = keyIdOf(publicKey);
  if (signature.length !== 64 || !verifyBytes(bytes, signature, publicKey)) {
    const claimed = claimedKeyId(bytes);
    const why = claimed === trusted ? 'the manifest or its signature was altered' : `it claims key ${claimed}`;
    throw new SyncRejectedError('SIGNATURE', `${MANIFEST_FILE} is not signed by the trusted publisher key ${trusted} (${why})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new SyncRejectedError('MANIFEST', `${MANIFEST_FILE} is not JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    throw new SyncRejectedError(/safe relative path/.test(issue) ? 'PATH' : /limit/.test(issue) ? 'SIZE' : 'MANIFEST', `${MANIFEST_FILE}: ${issue}`);
  }
  if (parsed.data.publisherKeyId !== trusted) {
    throw new SyncRejectedError('KEY', `manifest names publisher key ${parsed.data.publisherKeyId}, the trusted key is ${trusted}`);
  }
  return { manifest: parsed.data, manifestSha256: createHash('sha256').update(bytes).digest('hex') };
}
