import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/tempDir';
import type { Progress } from '../../api/progress';
import type { SyncReport } from '../../api/sync';
import { embeddingRepository, localFeatureRepository } from '../../db';
import { Engine } from '../engine';
import { MARK_EXTRACTOR } from '../verify/localFeatures';
import { LOCAL_FEATURES_FILE, MANIFEST_FILE, SIGNATURE_FILE, type PackageManifest } from './packageManifest';
import { generatePublisherKey, loadPrivateKey, signBytes, type PublisherKeyPair } from './publisherKey';
import { SyncRejectedError } from './SyncRejectedError';
import { trustPublisher } from './device/trustPublisher';
import { runSync, syncHandlers } from './handlers';
import { dumpDatabase } from './testing/dumpDatabase';
import { iconPath, PublisherFixture } from './testing/publisherFixture';

const dir = tempDir('marksight-sync-');
const pkg = (name: string) => join(dir, name);
let pub: PublisherFixture;
let device: Engine;
let firstReport: SyncReport;
/** The publisher's local features as they were when it published p1 (later packages delete R000's image). */
let p1Features: string;
const featureDump = (e: Engine) => dumpDatabase(e.db, { onlyTables: ['local_features'] });

/** A copy of a package to damage in one way. */
function copyPackage(from: string, name: string): string {
  cpSync(pkg(from), pkg(name), { recursive: true });
  return pkg(name);
}

/** Rewrites a package's manifest and signs it again with `key` (a valid signature over bad content). */
function resign(packageDir: string, key: PublisherKeyPair, change: (m: PackageManifest) => void): void {
  const manifest = JSON.parse(readFileSync(join(packageDir, MANIFEST_FILE), 'utf8')) as PackageManifest;
  change(manifest);
  const bytes = Buffer.from(JSON.stringify(manifest));
  writeFileSync(join(packageDir, MANIFEST_FILE), bytes);
  writeFileSync(join(packageDir, SIGNATURE_FILE), signBytes(bytes, loadPrivateKey(key.privateKeyPem)).toString('base64'));
}

/** Replaces localFeatures.bin with `change(bytes)` and lists and signs the new file: a valid signature over a bad file. */
function rewriteLocalFeatures(packageDir: string, change: (bytes: Buffer) => Buffer): void {
  const file = join(packageDir, LOCAL_FEATURES_FILE);
  const bytes = change(readFileSync(file));
  writeFileSync(file, bytes);
  resign(packageDir, pub.key, (m) => {
    const entry = m.files.find((f) => f.path === LOCAL_FEATURES_FILE)!;
    entry.sha256 = createHash('sha256').update(bytes).digest('hex');
    entry.size = bytes.length;
  });
}

/**
 * localFeatures.bin is the last file staged, so a package refused for it leaves its good images staged
 * for a retry of the same manifest; the image tampering tests below must start cold.
 */
const clearStaging = () => rmSync(join(dir, 'device.db.sync'), { recursive: true, force: true });

function firstImage(packageDir: string): string {
  const manifest = JSON.parse(readFileSync(join(packageDir, MANIFEST_FILE), 'utf8')) as PackageManifest;
  return join(packageDir, manifest.files.find((f) => f.path.startsWith('images/'))!.path);
}

/** The package must be refused for `check`, and no row of any table may have changed. */
async function expectRejected(from: string, check: string, reason: RegExp): Promise<void> {
  const before = dumpDatabase(device.db);
  const err = await device.sync({ from, embed: false }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SyncRejectedError);
  expect((err as SyncRejectedError).code).toBe(`SYNC_${check}`);
  expect((err as Error).message).toMatch(reason);
  expect((err as Error).message).not.toContain('\n');
  expect(dumpDatabase(device.db)).toBe(before);
}

beforeAll(async () => {
  pub = PublisherFixture.create(dir);
  await pub.importRecordals(Array.from({ length: 10 }, (_, i) => ({ id: `R00${i}`, icon: i, licensees: [`Licensee ${i}`] })));
  await pub.embed(); // vectors and local features, as `marksight index` makes them
  await pub.publish(pkg('p1'), { snapshot: true });
  p1Features = featureDump(pub.engine);

  // headquarters: one recordal withdrawn, four new ones, a licensee added to R003
  pub.deleteRecordal('R000');
  await pub.importRecordals([100, 101, 102, 103].map((i) => ({ id: `R${i}`, icon: i })));
  await pub.importRecordals([{ id: 'R003', icon: 3, licensees: ['Licensee 3', 'New Licensee Ltd'] }]);
  await pub.embed();
  await pub.publish(pkg('p2'), { since: 1 });

  await pub.importRecordals([{ id: 'R200', icon: 200 }]);
  await pub.embed();
  await pub.publish(pkg('p3'), { since: 2 });

  device = Engine.open({ dbPath: join(dir, 'device.db') });
  trustPublisher(device.db, pub.key.publicKeyPem);
  firstReport = await device.sync({ from: pkg('p1'), embed: false });
});

afterAll(async () => {
  await device?.close();
  await pub?.close();
});

describe('sync: signed packages, all or nothing', () => {
  it('a snapshot gives the device the publisher catalogue and its vectors', () => {
    const stats = device.db
      .prepare(`SELECT (SELECT count(*) FROM recordals) r, (SELECT count(*) FROM marks) m,
                (SELECT count(*) FROM embeddings WHERE region = 'full') "full", (SELECT count(*) FROM embeddings WHERE region = 'grey') grey`)
      .get();
    expect(stats).toEqual({ r: 10, m: 10, full: 10, grey: 10 }); // every mark view came in the package: nothing to embed
    const modelId = device.db.prepare('SELECT id FROM models').pluck().get() as string;
    expect(embeddingRepository(device.db).countMissing(modelId, ['full', 'grey'])).toBe(0);
    expect(device.recordal('R003')?.parties).toEqual([{ role: 'licensee', name: 'Licensee 3' }]);
  });

  it('a snapshot also gives the device the publisher local features, byte for byte: nothing left to extract', () => {
    expect(firstReport).toMatchObject({ images: 10, embeddings: 10, localFeatures: 10 });
    expect(device.db.prepare('SELECT count(*) FROM local_features').pluck().get()).toBe(10);
    expect(featureDump(device)).toBe(p1Features); // every column, blobs compared by sha256
    expect(localFeatureRepository(device.db).countMissing(MARK_EXTRACTOR)).toBe(0); // synced with embed: false
  });

  it('rejects a tampered localFeatures.bin', async () => {
    const p = copyPackage('p2', 'bad-features');
    const file = join(p, LOCAL_FEATURES_FILE);
    const bytes = readFileSync(file);
    bytes[50] ^= 0x01; // one bit of the first point
    writeFileSync(file, bytes);
    await expectRejected(p, 'HASH', /localFeatures\.bin does not match its sha256/);
    clearStaging();
  });

  it('rejects a signed localFeatures.bin with a row for an image not in the package, or a point that is not a number', async () => {
    const stray = copyPackage('p2', 'stray-features');
    rewriteLocalFeatures(stray, (b) => (b.write('ab'.repeat(32), 0, 'hex'), b));
    await expectRejected(stray, 'LOCAL_FEATURES', /localFeatures\.bin has features for image abababababab, which is not in the package/);
    const nan = copyPackage('p2', 'nan-features');
    rewriteLocalFeatures(nan, (b) => (b.writeFloatLE(NaN, 44), b));
    await expectRejected(nan, 'LOCAL_FEATURES', /localFeatures\.bin row 0 holds a point that is not a finite number/);
    const trailing = copyPackage('p2', 'trailing-features');
    rewriteLocalFeatures(trailing, (b) => Buffer.concat([b, Buffer.alloc(8)]));
    await expectRejected(trailing, 'LOCAL_FEATURES', /localFeatures\.bin has 8 bytes after its 4 rows/);
    clearStaging();
  });

  it('rejects signed view sections that leave a grey view without its full vector', async () => {
    const p = copyPackage('p2', 'orphan-view');
    resign(p, pub.key, (m) => {
      expect(m.embeddings!.views).toEqual([{ region: 'full', count: 4 }, { region: 'grey', count: 4 }]);
      m.embeddings!.views = [{ region: 'full', count: 3 }, { region: 'grey', count: 5 }];
    });
    await expectRejected(p, 'EMBEDDINGS', /embeddings\.bin has a grey view of image [0-9a-f]{12} but no full vector/);
    clearStaging();
  });

  it('a device of another extractor skips the carried local features and extracts its own later', async () => {
    const p = copyPackage('p1', 'other-extractor');
    resign(p, pub.key, (m) => (m.localFeatures!.extractor = 'orb-some-other-build'));
    const other = Engine.open({ dbPath: join(dir, 'other-extractor.db') });
    try {
      const report = await other.sync({ from: p, publicKeyPem: pub.key.publicKeyPem, pin: true, embed: false });
      expect(report).toMatchObject({ images: 10, embeddings: 10, localFeatures: 0 });
      expect(other.db.prepare('SELECT count(*) FROM local_features').pluck().get()).toBe(0);
      expect(localFeatureRepository(other.db).countMissing(MARK_EXTRACTOR)).toBe(10);
    } finally {
      await other.close();
    }
  });

  it('rejects a tampered image', async () => {
    const p = copyPackage('p2', 'bad-image');
    const file = firstImage(p);
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] ^= 0x20;
    writeFileSync(file, bytes);
    await expectRejected(p, 'HASH', /images\/[0-9a-f]{64}\.svg does not match its sha256/);
  });

  it('rejects a tampered manifest', async () => {
    const p = copyPackage('p2', 'bad-manifest');
    const file = join(p, MANIFEST_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Mark R100', 'Mark R1OO'));
    await expectRejected(p, 'SIGNATURE', /not signed by the trusted publisher key .* altered/);
  });

  it('rejects a package signed with another key', async () => {
    const p = copyPackage('p2', 'wrong-key');
    const other = generatePublisherKey();
    resign(p, other, (m) => (m.publisherKeyId = other.keyId));
    await expectRejected(p, 'SIGNATURE', new RegExp(`claims key ${other.keyId}`));
  });

  it('rejects a path that leaves the package, even when properly signed', async () => {
    const p = copyPackage('p2', 'traversal');
    writeFileSync(join(dir, 'evil.svg'), readFileSync(iconPath(5)));
    resign(p, pub.key, (m) => (m.files[0].path = '../evil.svg'));
    await expectRejected(p, 'PATH', /files\[0\]\.path: '\.\.\/evil\.svg' is not a safe relative path/);
  });

  it('rejects a file that is a symbolic link', async () => {
    const p = copyPackage('p2', 'symlink');
    const file = firstImage(p);
    rmSync(file);
    symlinkSync(firstImage(pkg('p2')), file);
    await expectRejected(p, 'PATH', /is a symbolic link/);
  });

  it('rejects a truncated file', async () => {
    const p = copyPackage('p2', 'truncated');
    const file = firstImage(p);
    truncateSync(file, 100);
    await expectRejected(p, 'SIZE', /is 100 bytes, the manifest lists \d+ \(truncated/);
  });

  it('rejects a package out of order (a delta on a sequence the device does not have)', async () => {
    await expectRejected(pkg('p3'), 'SEQUENCE', /package 3 builds on 2, but this device is at 1/);
  });

  it('a cancelled sync writes nothing', async () => {
    const before = dumpDatabase(device.db);
    const abort = new AbortController();
    abort.abort();
    await expect(device.sync({ from: pkg('p2'), signal: abort.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(dumpDatabase(device.db)).toBe(before);
  });

  it('applies a valid delta: the withdrawn recordal is gone from results, the new ones are found', async () => {
    // files left staged by an abandoned package go once a package is applied
    mkdirSync(join(dir, 'device.db.sync', 'abandoned-package'), { recursive: true });
    writeFileSync(join(dir, 'device.db.sync', 'abandoned-package', 'images.part'), 'half a file');
    const report = await device.sync({ from: pkg('p2') });
    expect(existsSync(join(dir, 'device.db.sync'))).toBe(false);
    expect(report.operations).toEqual({ upsertRecordal: 4, deleteRecordal: 1, addImage: 0, removeImage: 0, setAuthorisedParties: 1 });
    expect(report).toMatchObject({ sequence: 2, baseSequence: 1, images: 4, embeddings: 4, localFeatures: 4, alreadyApplied: false });
    expect(report.index?.embedded).toBe(0); // every new image came with its vector

    const found = await device.query(iconPath(101), { top: 5 });
    expect(found.results[0]).toMatchObject({ recordalId: 'R101', markName: 'Mark R101' });
    const withdrawn = await device.query(iconPath(0), { top: 50 });
    expect(withdrawn.results.map((r) => r.recordalId)).not.toContain('R000');
    expect(device.recordal('R000')).toBeUndefined();
    expect(device.recordal('R003')?.parties.map((p) => p.name)).toEqual(['Licensee 3', 'New Licensee Ltd']);
  });

  it('the sync panel reports the status, and a sync job refuses an empty source', async () => {
    const ctx = { engine: device, dbPath: join(dir, 'device.db') };
    expect(await syncHandlers(ctx)['sync-status']()).toMatchObject({ trustedKeyId: pub.key.keyId, appliedSequence: 2 });
    expect(() => runSync(ctx, ' ')).toThrow(/source .* is missing/);
  });

  it('rejects a replayed package, and treats the same package again as already applied', async () => {
    await expectRejected(pkg('p1'), 'SEQUENCE', /package 1 is a replay: this device already applied up to 2/);
    const before = dumpDatabase(device.db);
    const again = await device.sync({ from: pkg('p2'), embed: false });
    expect(again.alreadyApplied).toBe(true);
    expect(dumpDatabase(device.db)).toBe(before);
  });

  it('a new device pins the key with its first snapshot and embeds images that came without vectors', async () => {
    await pub.publish(pkg('p4'), { snapshot: true, withVectors: false });
    const fresh = Engine.open({ dbPath: join(dir, 'fresh.db') });
    try {
      await expect(fresh.sync({ from: pkg('p4'), embed: false })).rejects.toThrow(/no publisher key is trusted yet/);
      await expect(fresh.sync({ from: pkg('p3'), publicKeyPem: pub.key.publicKeyPem, pin: true })).rejects.toThrow(
        /can only be pinned with a snapshot/,
      );
      const progress: Progress[] = [];
      const report = await fresh.sync({ from: pkg('p4'), publicKeyPem: pub.key.publicKeyPem, pin: true, onProgress: (p) => progress.push(p) });
      // withVectors: false leaves the vectors out; the local features still travel
      expect(report).toMatchObject({ sequence: 4, baseSequence: null, embeddings: 0, localFeatures: 14, images: 14 });
      expect(report.index?.embedded).toBe(14);
      expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['download', 'verify', 'apply', 'index', 'features']));
      expect((await fresh.query(iconPath(200), { top: 1 })).results[0].recordalId).toBe('R200');
    } finally {
      await fresh.close();
    }
  });
});
