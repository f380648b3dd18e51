import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { recordalRepository } from '../../db';
import { tempDir } from '../../test/helpers/tempDir';
import { writeLogos } from '../../test/helpers/fixtures';
import { importManifest } from './importManifest';
import { ManifestError } from './manifest/ManifestError';

const dir = tempDir();
const imagesDir = join(dir, 'img');
writeLogos(imagesDir, ['nike', 'adidas', 'puma', 'apple']);
writeFileSync(join(imagesDir, 'broken.png'), 'not an image at all');

const HEADER = 'recordal_no,holder,mark_name,registration_no,nice_classes,valid_from,valid_to,status,images,importers,licensees,genuine_ports';

function csv(name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, [HEADER, ...lines].join('\n'));
  return p;
}

function tableCounts(db: ReturnType<typeof openDatabase>) {
  return Object.fromEntries(
    ['recordals', 'marks', 'images', 'authorised_parties', 'genuine_goods', 'right_holders'].map((t) => [
      t,
      db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(),
    ]),
  );
}

describe('importManifest', () => {
  it('imports good rows and reports each bad row with its line and reason', async () => {
    const db = openDatabase(join(dir, 'a.db'));
    const file = csv('recordals.csv', [
      'R-1,Nike Holder,NIKE,REG1,25;18,2020-01-01,2030-01-01,active,nike.svg,Imp A;Imp B,,Shanghai', // line 2
      'R-2,Adidas Holder,ADIDAS,REG2,25,2021-02-30,2031-01-01,active,adidas.svg,,,', // line 3: Feb 30
      'R-3,Puma Holder,PUMA,REG3,25;99,2020-01-01,2030-01-01,active,puma.svg,,,', // line 4: class 99
      'R-4,Apple Holder,APPLE,REG4,9,2030-01-01,2020-01-01,active,apple.svg,,,', // line 5: from > to
      'R-5,Broken Holder,BROKEN,REG5,9,,,active,broken.png,,,', // line 6: bad image
      'R-6,Missing Holder,MISSING,REG6,9,,,active,nope.png,,,', // line 7: no such image
      ',No Number,NONUM,REG7,9,,,active,apple.svg,,,', // line 8: no recordal_no
      'R-8,Apple Holder,APPLE,REG8,9,2019-05-05,2029-05-05,sleeping,apple.svg,,,', // line 9: bad status
      'R-9,Apple Holder,APPLE,REG9,9,2019-05-05,2029-05-05,active,apple.svg,,,', // line 10: good
    ]);
    const report = await importManifest(db, file, { imagesDir });
    expect(report.recordals).toBe(2);
    expect(report.marks).toBe(2);
    const byLine = Object.fromEntries(report.problems.map((p) => [p.where.split(':').pop(), p.reason]));
    expect(Object.keys(byLine).sort()).toEqual(['3', '4', '5', '6', '7', '8', '9']);
    expect(byLine['3']).toMatch(/valid_from.*real calendar date/);
    expect(byLine['4']).toMatch(/unknown Nice class '99'/);
    expect(byLine['5']).toMatch(/valid_from is after valid_to/);
    expect(byLine['6']).toMatch(/broken\.png: not a readable image/);
    expect(byLine['7']).toMatch(/no such file/);
    expect(byLine['8']).toMatch(/recordal_no/);
    expect(byLine['9']).toMatch(/status/);

    const r1 = recordalRepository(db).details('R-1')!;
    expect(r1).toMatchObject({ holder: 'Nike Holder', niceClasses: [18, 25], markIds: ['nike'] });
    expect(r1.parties).toEqual([{ role: 'importer', name: 'Imp A' }, { role: 'importer', name: 'Imp B' }]);
    expect(r1.genuineGoods?.ports).toBe('Shanghai');
    db.close();
  });

  it('is idempotent: importing the same manifest twice changes nothing', async () => {
    const db = openDatabase(join(dir, 'b.db'));
    const file = csv('twice.csv', [
      'R-1,Nike Holder,NIKE,REG1,25,2020-01-01,2030-01-01,active,nike.svg;adidas.svg,Imp A,,',
      'R-2,Puma Holder,PUMA,REG2,25,2020-01-01,2030-01-01,active,puma.svg,,,',
    ]);
    await importManifest(db, file, { imagesDir });
    const first = tableCounts(db);
    const second = await importManifest(db, file, { imagesDir });
    expect(second.problems).toEqual([]);
    expect(tableCounts(db)).toEqual(first);
    expect(first).toMatchObject({ recordals: 2, marks: 3, images: 3, authorised_parties: 1 });

    // a re-import that drops an image removes that mark, and the orphaned image goes with it
    await importManifest(db, csv('fewer.csv', ['R-1,Nike Holder,NIKE,REG1,25,2020-01-01,2030-01-01,active,nike.svg,,,']), { imagesDir });
    expect(recordalRepository(db).details('R-1')!.markIds).toEqual(['nike']);
    expect(tableCounts(db)).toMatchObject({ marks: 2, images: 2, authorised_parties: 0 });
    db.close();
  });

  it('reads JSONL with arrays, and reports a bad JSON line', async () => {
    const db = openDatabase(join(dir, 'c.db'));
    const file = join(dir, 'recordals.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ recordal_no: 'J-1', holder: 'H', mark_name: 'NIKE', images: ['nike.svg'], nice_classes: [25], exporters: ['Exp Co'] }),
        '{"recordal_no": "J-2", oops',
        JSON.stringify({ recordal_no: 'J-3', holder: 'H', mark_name: 'PUMA', images: 'puma.svg', mark_ids: 'puma-main', kind: 'word' }),
      ].join('\n'),
    );
    const report = await importManifest(db, file, { imagesDir });
    expect(report.recordals).toBe(2);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0].where).toBe(`${file}:2`);
    expect(recordalRepository(db).details('J-3')!.markIds).toEqual(['puma-main']);
    expect(recordalRepository(db).details('J-1')!.parties).toEqual([{ role: 'exporter', name: 'Exp Co' }]);
    db.close();
  });

  it('refuses a row whose mark id already belongs to another recordal, leaving that recordal its mark', async () => {
    const db = openDatabase(join(dir, 'h.db'));
    for (const brand of ['nike', 'adidas']) {
      mkdirSync(join(dir, brand), { recursive: true });
      writeFileSync(join(dir, brand, 'logo.svg'), readFileSync(join(imagesDir, `${brand}.svg`)));
    }
    const file = csv('same-names.csv', [
      'R-1,Nike Holder,NIKE,,,,,active,../nike/logo.svg,,,', // line 2
      'R-2,Adidas Holder,ADIDAS,,,,,active,../adidas/logo.svg,,,', // line 3: also 'logo'
      'R-3,Puma Holder,PUMA,,,,,active,puma.svg;../dup-puma/puma.svg,,,', // line 4: 'puma' twice
    ]);
    const report = await importManifest(db, file, { imagesDir });
    expect(report.problems.map((p) => [p.where.split(':').pop(), p.reason])).toEqual([
      ['3', "mark id 'logo' already belongs to recordal R-1 (line 2); set mark_ids to tell them apart"],
      ['4', "mark id 'puma' is given to two images of this row; set mark_ids to tell them apart"],
    ]);
    expect(recordalRepository(db).details('R-1')!.markIds).toEqual(['logo']);

    // a later manifest cannot take it either; with mark_ids it imports beside it
    const later = csv('later.csv', ['R-2,Adidas Holder,ADIDAS,,,,,active,../adidas/logo.svg,,,']);
    expect((await importManifest(db, later, { imagesDir })).problems[0].reason).toMatch(/'logo' already belongs to recordal R-1 in this database/);
    const named = join(dir, 'named.jsonl');
    writeFileSync(named, JSON.stringify({ recordal_no: 'R-2', holder: 'Adidas Holder', mark_name: 'ADIDAS', images: ['../adidas/logo.svg'], mark_ids: ['adidas-logo'] }));
    expect((await importManifest(db, named, { imagesDir })).problems).toEqual([]);
    expect(recordalRepository(db).details('R-1')!.markIds).toEqual(['logo']);
    expect(recordalRepository(db).details('R-2')!.markIds).toEqual(['adidas-logo']);
    db.close();
  });

  it('takes a JSONL recordal number given as a number, and says when a field is not text', async () => {
    const db = openDatabase(join(dir, 'i.db'));
    const file = join(dir, 'numbers.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ recordal_no: 12345, holder: 'H', mark_name: 'NIKE', images: ['nike.svg'] }),
        JSON.stringify({ recordal_no: 'N-2', holder: { name: 'H' }, mark_name: 'PUMA', images: ['puma.svg'] }),
        JSON.stringify({ recordal_no: 'N-3', mark_name: 'APPLE', images: ['apple.svg'] }),
      ].join('\n'),
    );
    const report = await importManifest(db, file, { imagesDir });
    expect(recordalRepository(db).details('12345')!.markIds).toEqual(['nike']);
    expect(report.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/holder must be text/), expect.stringMatching(/holder is missing/)]);
    db.close();
  });

  it('rejects a manifest with missing or unknown columns whole, writing nothing', async () => {
    const db = openDatabase(join(dir, 'd.db'));
    const missing = join(dir, 'missing.csv');
    writeFileSync(missing, 'recordal_no,holder,images\nR-1,H,nike.svg\n');
    await expect(importManifest(db, missing)).rejects.toThrow(ManifestError);
    await expect(importManifest(db, missing)).rejects.toThrow(/missing column\(s\): mark_name/);
    const typo = join(dir, 'typo.csv');
    writeFileSync(typo, 'recordal_no,holder,mark_name,images,licencees\nR-1,H,N,nike.svg,X\n');
    await expect(importManifest(db, typo)).rejects.toThrow(/unknown column\(s\): licencees/);
    expect(tableCounts(db)).toMatchObject({ recordals: 0, marks: 0 });
    db.close();
  });

  it('keeps the stored bytes identical to the file (sha256 de-duplicated)', async () => {
    const db = openDatabase(join(dir, 'e.db'));
    mkdirSync(join(dir, 'dup'), { recursive: true });
    writeFileSync(join(dir, 'dup', 'copy.svg'), readFileSync(join(imagesDir, 'nike.svg')));
    const file = csv('dup.csv', [
      `R-1,H,NIKE,,,,,active,nike.svg,,,`,
      `R-2,H,NIKE COPY,,,,,active,../dup/copy.svg,,,`,
    ]);
    await importManifest(db, file, { imagesDir });
    expect(tableCounts(db)).toMatchObject({ marks: 2, images: 1 });
    const stored = db.prepare('SELECT bytes FROM images').pluck().get() as Buffer;
    expect(stored.equals(readFileSync(join(imagesDir, 'nike.svg')))).toBe(true);
    db.close();
  });
});
