import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import { localFeatureRepository } from '../../../db';
import { Engine } from '../../engine';
import { indexLocalFeatures } from '../../verify/indexLocalFeatures';
import { MARK_EXTRACTOR } from '../../verify/localFeatures';
import { trustPublisher } from '../device/trustPublisher';
import { LOCAL_FEATURES_FILE, MANIFEST_FILE, type PackageManifest } from '../packageManifest';
import { dumpDatabase } from '../testing/dumpDatabase';
import { iconPath, PublisherFixture } from '../testing/publisherFixture';

const dir = tempDir('marksight-publish-');
let pub: PublisherFixture;
let device: Engine;
const manifestOf = (p: string) => JSON.parse(readFileSync(join(p, MANIFEST_FILE), 'utf8')) as PackageManifest;
const featuresOf = (e: Engine, sha: string) => e.db.prepare('SELECT * FROM local_features WHERE image_sha256 = ?').get(sha);

/** What publisher and device must agree on: the catalogue, without sync bookkeeping or timestamps. */
const catalogue = (e: Engine) =>
  dumpDatabase(e.db, {
    skipTables: ['embeddings', 'models', 'local_features', 'meta', 'sync_trusted_key', 'sync_applied_packages', 'sync_published_packages', 'sync_published_items', 'queries', 'decisions'],
    skipTimestamps: true,
  });

beforeAll(async () => {
  pub = PublisherFixture.create(dir);
  device = Engine.open({ dbPath: join(dir, 'device.db') });
  trustPublisher(device.db, pub.key.publicKeyPem);
});

afterAll(async () => {
  await device?.close();
  await pub?.close();
});

describe('publish', () => {
  it('starts with a snapshot and checks --since against what it last published', async () => {
    await pub.importRecordals([{ id: 'P1', icon: 600 }]);
    await expect(pub.publish(join(dir, 'x'), { since: 0 })).rejects.toThrow(/build the first package with --snapshot/);
    await pub.publish(join(dir, 'p1'), { snapshot: true, withVectors: false });
    await expect(pub.publish(join(dir, 'x'), { since: 3 })).rejects.toThrow(/--since 3, but this database last published 1/);
    await expect(pub.publish(join(dir, 'p1'), { since: 1 })).rejects.toThrow(/is not empty/);
    expect(await pub.publish(join(dir, 'x'), { since: 1 })).toMatchObject({ written: false });
    await device.sync({ from: join(dir, 'p1'), embed: false });
  });

  it('ships standalone marks as addImage / removeImage, and a mark moving into a recordal survives', async () => {
    const folder = join(dir, 'loose');
    mkdirSync(folder);
    for (const i of [610, 611, 612]) copyFileSync(iconPath(i), join(folder, `loose-${i}.svg`));
    await pub.engine.importImages(folder);
    await pub.publish(join(dir, 'p2'), { since: 1, withVectors: false });
    expect(manifestOf(join(dir, 'p2')).operations.map((o) => o.op)).toEqual(['addImage', 'addImage', 'addImage']);
    await device.sync({ from: join(dir, 'p2'), embed: false });

    // loose-610 goes, loose-611 joins a new recordal, and the publisher re-records P1 unchanged
    pub.engine.db.prepare("DELETE FROM marks WHERE id = 'loose-610'").run();
    const manifest = join(dir, 'move.jsonl');
    writeFileSync(
      manifest,
      JSON.stringify({ recordal_no: 'P2', holder: 'Holder of P2', mark_name: 'Mark P2', images: [iconPath(611)], mark_ids: ['loose-611'] }) + '\n',
    );
    await pub.engine.importManifest(manifest);
    await pub.publish(join(dir, 'p3'), { since: 2, withVectors: false });
    const p3 = manifestOf(join(dir, 'p3'));
    expect(p3.operations.map((o) => o.op)).toEqual(['removeImage', 'removeImage', 'upsertRecordal']);
    expect(p3.files).toEqual([]); // every image it uses is already on the device
    await device.sync({ from: join(dir, 'p3'), embed: false });

    expect(device.recordal('P2')?.markIds).toEqual(['loose-611']);
    expect(catalogue(device)).toBe(catalogue(pub.engine));
  });

  it('a snapshot on a device that went astray brings it back to the publisher state', async () => {
    device.db.prepare("DELETE FROM recordals WHERE id = 'P1'").run(); // something local went wrong
    await pub.importRecordals([{ id: 'P3', icon: 620, licensees: ['L'] }]);
    await pub.publish(join(dir, 'p4'), { snapshot: true, withVectors: false });
    await device.sync({ from: join(dir, 'p4'), embed: false });
    expect(catalogue(device)).toBe(catalogue(pub.engine));
    expect(readdirSync(dir)).not.toContain('device.db.sync'); // staging cleared
  });

  it('carries the stored local features of the package images only, and the device stores the same bytes', async () => {
    expect(manifestOf(join(dir, 'p4')).localFeatures).toBeUndefined(); // none indexed yet: no file
    await pub.importRecordals([{ id: 'P4', icon: 630 }]);
    await indexLocalFeatures(pub.engine.db); // every image the publisher holds, not only the new one
    const held = localFeatureRepository(pub.engine.db).count(MARK_EXTRACTOR);
    expect(held).toBeGreaterThan(1);

    const report = await pub.publish(join(dir, 'p5'), { since: 4, withVectors: false });
    const p5 = manifestOf(join(dir, 'p5'));
    expect(report).toMatchObject({ images: 1, embeddings: 0, localFeatures: 1 });
    expect(p5.localFeatures).toEqual({ path: LOCAL_FEATURES_FILE, extractor: MARK_EXTRACTOR, count: 1 });
    expect(p5.files.map((f) => f.path)).toContain(LOCAL_FEATURES_FILE); // hashed in the signed manifest
    const newSha = p5.files.find((f) => f.path.startsWith('images/'))!.sha256;
    await device.sync({ from: join(dir, 'p5'), embed: false });
    expect(device.db.prepare('SELECT image_sha256 FROM local_features').pluck().all()).toEqual([newSha]);
    expect(featuresOf(device, newSha)).toEqual(featuresOf(pub.engine, newSha)); // blobs compared byte for byte

    // a snapshot carries every image, so the device ends up with all the publisher's features
    expect(await pub.publish(join(dir, 'p6'), { snapshot: true, withVectors: false })).toMatchObject({ localFeatures: held });
    await device.sync({ from: join(dir, 'p6'), embed: false });
    const table = (e: Engine) => dumpDatabase(e.db, { onlyTables: ['local_features'] });
    expect(table(device)).toBe(table(pub.engine));
    expect(localFeatureRepository(device.db).countMissing(MARK_EXTRACTOR)).toBe(0);
  });
});
