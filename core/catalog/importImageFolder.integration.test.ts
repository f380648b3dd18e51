import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openDatabase, markRepository } from '../../db';
import { tempDir } from '../../test/helpers/tempDir';
import { photoOf, pngHeaderOnly, writeLogos } from '../../test/helpers/fixtures';
import { importImageFolder } from './importImageFolder';
import { importManifest } from './importManifest';

describe('importImageFolder', () => {
  const dir = tempDir();
  const marks = join(dir, 'marks');
  writeLogos(join(marks, 'sports'), ['nike', 'adidas']);
  writeLogos(marks, ['apple']);

  it('imports every image recursively, id = file name, and reports bad files by path', async () => {
    writeFileSync(join(marks, 'empty.gif'), '');
    writeFileSync(join(marks, 'fake.webp'), 'plain text');
    writeFileSync(join(marks, 'bomb.png'), pngHeaderOnly(30000, 30000));
    writeFileSync(join(marks, 'readme.txt'), 'ignored: not an image extension');
    writeFileSync(join(marks, 'shop-photo.jpg'), await photoOf('puma'));
    // as @iconify-json/logos draws "million-icon": its gradient's transform is singular, so nothing is painted
    const gradient = '<radialGradient id="g" gradientTransform="matrix(0 447.7 0 -15.6 0 -380193)"><stop offset="0" stop-color="#845ce7"/><stop offset="1" stop-color="#af73d8"/></radialGradient>';
    writeFileSync(join(marks, 'unpainted.svg'), `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="182"><defs>${gradient}</defs><path fill="url(#g)" d="M65 153c12-17 36-28 63-28s52 11 63 28c-12 17-36 28-63 28s-52-11-63-28"/></svg>`);
    writeFileSync(join(marks, 'white.png'), await sharp({ create: { width: 120, height: 80, channels: 3, background: '#fdfdfd' } }).png().toBuffer());
    mkdirSync(join(marks, 'other'));
    writeLogos(join(marks, 'other'), ['nike']); // same id as sports/nike.svg

    const db = openDatabase(join(dir, 'f.db'));
    const report = await importImageFolder(db, marks);
    expect(markRepository(db).all().map((m) => m.id)).toEqual(['adidas', 'apple', 'nike', 'shop-photo']);
    expect(report.marks).toBe(4);
    const reasons = report.problems.map((p) => `${p.where.replace(marks, '')} ${p.reason}`);
    expect(reasons).toHaveLength(6);
    expect(reasons.find((r) => r.startsWith('/unpainted.svg'))).toMatch(/blank image \(nothing is drawn/);
    expect(reasons.find((r) => r.startsWith('/white.png'))).toMatch(/blank image/);
    expect(reasons.find((r) => r.startsWith('/empty.gif'))).toMatch(/empty file/);
    expect(reasons.find((r) => r.startsWith('/fake.webp'))).toMatch(/not a readable image/);
    expect(reasons.find((r) => r.startsWith('/bomb.png'))).toMatch(/too large/);
    expect(reasons.find((r) => r.startsWith('/sports/nike.svg'))).toMatch(/duplicate mark id 'nike'/);

    // again: same rows, no duplicates
    await importImageFolder(db, marks);
    expect(markRepository(db).count()).toBe(4);
    db.close();
  });

  it("does not take a recordal's mark away when a loose image has its name", async () => {
    const db = openDatabase(join(dir, 'h.db'));
    const manifest = join(dir, 'r.csv');
    writeFileSync(manifest, `recordal_no,holder,mark_name,images\nR-1,Apple Holder,APPLE,${join(marks, 'apple.svg')}\n`);
    expect((await importManifest(db, manifest)).problems).toEqual([]);
    const report = await importImageFolder(db, marks);
    expect(report.problems.find((p) => p.where.endsWith('/apple.svg'))?.reason).toBe(
      "mark id 'apple' belongs to recordal R-1; rename the file to add it as another mark",
    );
    expect(markRepository(db).get('apple')?.recordalId).toBe('R-1');
    db.close();
  });

  it('says clearly when the folder does not exist', async () => {
    const db = openDatabase(join(dir, 'g.db'));
    await expect(importImageFolder(db, join(dir, 'nope'))).rejects.toThrow(/not a folder/);
    db.close();
  });
});
