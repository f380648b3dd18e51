import sharp from 'sharp';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markRepository, recordalRepository } from '../../db';
import { logoSvg } from '../../test/helpers/fixtures';
import { tempDir } from '../../test/helpers/tempDir';
import { synthPhoto } from '../../test/helpers/synthPhoto';
import { Engine } from '../engine';
import { iou, withMargin } from '../image';
import { REGION_MARGIN } from '../detect';

const SLUGS = ['starbucks', 'php', 'github', 'puma', 'spotify', 'apple', 'android', 'mastercard', 'visa', 'firefoxbrowser', 'docker', 'python'];
const COLOURS: Record<string, string> = { starbucks: '006241', php: '777BB4', puma: 'E0001A' };

async function markPng(slug: string): Promise<Buffer> {
  return sharp(Buffer.from(logoSvg(slug, COLOURS[slug] ?? '222222')), { density: 960 }).resize(320, 320, { fit: 'inside' }).png().toBuffer();
}

describe('query -> verified, calibrated, flagged results (real model, real DB, real logos)', async () => {
  const dir = tempDir();
  const marksDir = join(dir, 'marks');
  mkdirSync(marksDir);
  const pngs: Record<string, Buffer> = {};
  for (const slug of SLUGS) {
    pngs[slug] = await markPng(slug);
    writeFileSync(join(marksDir, `${slug}.png`), pngs[slug]);
  }
  const engine = Engine.open({ dbPath: join(dir, 'flag.db') });
  await engine.importImages(marksDir);
  const recordals = recordalRepository(engine.db);
  const marks = markRepository(engine.db);
  const base = { holderCountry: null, registrationNo: null, niceClasses: [25, 30], validFrom: '2020-01-01', validTo: '2029-12-31', status: 'active' as const };
  for (const slug of SLUGS) {
    const expired = slug === 'php';
    recordals.upsert({ ...base, id: `R-${slug}`, holder: `${slug} Holder`, markName: slug, validTo: expired ? '2021-12-31' : base.validTo });
    recordals.replaceDetails(`R-${slug}`, {
      parties: slug === 'starbucks' ? [{ role: 'importer', name: 'Genuine Imports Ltd' }] : [],
      genuineGoods: null,
      knownInfringers: [],
    });
    const m = marks.all().find((r) => r.sourcePath?.endsWith(`${slug}.png`))!;
    marks.upsert({ ...m, recordalId: `R-${slug}` });
  }
  await engine.indexMissing();
  const copy = await synthPhoto(pngs.starbucks, { angleDeg: 20, perspective: 0.15, markScale: 0.5, seed: 11 });
  const date = '2026-06-01';

  it('ranks the copy first, verified, with its box, and flags it for an unknown importer', async () => {
    const r = await engine.query(copy.jpeg, { date, niceClass: 25, importer: 'Cheap Goods LLC', top: 5 });
    const first = r.results[0];
    expect(first.recordalId).toBe('R-starbucks');
    expect(first.verified).toBe(true);
    expect(iou(first.box!, copy.box)).toBeGreaterThanOrEqual(0.7);
    expect(first.probability).toBeGreaterThan(0.9);
    expect(first.likelyInfringement).toBe(true);
    expect(first.reasons!.every((x) => x.passed)).toBe(true);
    expect(first.explanation!.inliers).toBeGreaterThanOrEqual(10);
    expect(first.explanation!.quad).toHaveLength(4);
    expect(r.results.slice(1).every((m) => !m.likelyInfringement)).toBe(true);
    expect(r.timings.verifyMs).toBeGreaterThan(0);
  });

  it('returns every candidate it scored when asked (the rows the calibration fits on), the first ones as without', async () => {
    const five = await engine.query(copy.jpeg, { date, top: 5 });
    const every = await engine.query(copy.jpeg, { date, top: 5, everyCandidate: true });
    expect(five.results).toHaveLength(5);
    expect(every.results).toHaveLength(SLUGS.length); // a 12-mark gallery fits in one shortlist
    expect(every.results.slice(0, 5).map((m) => [m.markId, m.probability])).toEqual(five.results.map((m) => [m.markId, m.probability]));
  });

  it('reports regions and boxes in the photo\'s own pixels when the photo is larger than the working size', async () => {
    const big = await synthPhoto(pngs.starbucks, { width: 2400, height: 1800, angleDeg: 10, markScale: 0.45, seed: 12 });
    const r = await engine.query(big.jpeg, { date, top: 3 });
    expect(r.photo).toEqual({ width: 2400, height: 1800 });
    const first = r.results[0];
    expect(first.recordalId).toBe('R-starbucks');
    expect(r.regions).toContainEqual(first.region);
    expect(iou(first.region!, big.box)).toBeGreaterThan(0.2);
    if (first.box) expect(iou(first.box, big.box)).toBeGreaterThanOrEqual(0.7);
  });

  it('does not flag the same photo for the authorised importer, and says so', async () => {
    const r = await engine.query(copy.jpeg, { date, niceClass: 25, importer: 'GENUINE IMPORTS LTD.' });
    expect(r.results[0].recordalId).toBe('R-starbucks');
    expect(r.results[0].likelyInfringement).toBe(false);
    expect(r.results[0].reasons![0]).toMatchObject({ code: 'IMPORTER_AUTHORISED', passed: false });
  });

  it('does not flag goods outside the recordal classes, nor after the recordal expired', async () => {
    const cls = await engine.query(copy.jpeg, { date, niceClass: 9 });
    expect(cls.results[0].reasons![0].code).toBe('CLASS_NOT_COVERED');
    const late = await engine.query(copy.jpeg, { date: '2030-02-01' });
    expect(late.results[0].likelyInfringement).toBe(false);
    expect(late.results[0].reasons![0].code).toBe('RECORDAL_EXPIRED');
  });

  it('does not flag a copy of a mark whose recordal expired', async () => {
    const php = await synthPhoto(pngs.php, { angleDeg: -10, markScale: 0.5, seed: 5 });
    const r = await engine.query(php.jpeg, { date });
    const hit = r.results.find((m) => m.recordalId === 'R-php')!;
    expect(hit.likelyInfringement).toBe(false);
    expect(hit.reasons!.map((x) => x.code)).toContain('RECORDAL_EXPIRED');
  });

  it('flags nothing in a photo of an unrecorded mark', async () => {
    const other = await sharp(Buffer.from(logoSvg('nvidia', '76B900')), { density: 960 }).resize(320, 320, { fit: 'inside' }).png().toBuffer();
    const r = await engine.query((await synthPhoto(other, { seed: 2 })).jpeg, { date });
    expect(r.results.some((m) => m.likelyInfringement)).toBe(false);
  });

  it('ranks first the mark whose name is printed beside another drawing of it, on the name read', async () => {
    // goods carry the brand's name beside a drawing that is not the recorded one (an unrecorded mark here)
    const drawing = (await sharp(Buffer.from(logoSvg('nvidia', '1DB954')), { density: 960 }).resize(180, 180, { fit: 'inside' }).png().toBuffer()).toString('base64');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="800" height="600">
      <rect width="100%" height="100%" fill="#e4ddd0"/><image x="70" y="210" width="180" height="180" xlink:href="data:image/png;base64,${drawing}"/>
      <text x="300" y="330" font-family="sans-serif" font-size="96" font-weight="bold" fill="#1a1a1a">Spotify</text></svg>`;
    const r = await engine.query(await sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer(), { date, top: 5 });
    expect(r.text!.map((l) => l.text.toLowerCase())).toContain('spotify');
    const first = r.results[0];
    expect(first.recordalId).toBe('R-spotify');
    expect(first.explanation!.textScore).toBeGreaterThanOrEqual(0.9);
    // the name, not the picture, carries it: every other mark is far behind
    expect(first.probability!).toBeGreaterThan(2 * r.results[1].probability!);
  });

  it("searches the inspector's crop, and says so when a crop lies outside the photo", async () => {
    const inside = await engine.query(copy.jpeg, { date, top: 3, crop: copy.box });
    expect(inside.warnings).toBeUndefined();
    expect(inside.regions.some((b) => iou(b, copy.box) > 0.95)).toBe(true);
    // and grown by the regions' margin, as the model knows marks: with some surface around them
    const grown = withMargin(copy.box, REGION_MARGIN);
    expect(inside.regions.some((b) => iou(b, grown) > 0.95)).toBe(true);
    for (const verify of [true, false]) {
      const r = await engine.query(copy.jpeg, { date, top: 3, verify, crop: [5000, 5000, 50, 50] });
      expect(r.warnings).toEqual([
        { code: 'CROP_OUTSIDE', message: expect.stringMatching(/^crop 5000,5000,50,50 lies outside the \d+x\d+ photo; it was not searched$/), values: { crop: '5000,5000,50,50', size: expect.stringMatching(/^\d+x\d+$/) } },
      ]);
      expect(r.results[0].recordalId).toBe('R-starbucks');
    }
  });

  it('keeps the embedding-only answer when verification is off', async () => {
    const r = await engine.query(copy.jpeg, { verify: false });
    expect(r.results[0].probability).toBeUndefined();
    expect(r.timings.verifyMs).toBeUndefined();
  });

  it('answers the same after a warm-up as without one (a host warms its engine at start)', async () => {
    const warm = Engine.open({ dbPath: join(dir, 'flag.db') });
    try {
      await warm.warmUp();
      expect(warm.stats().model).not.toBeNull();
      const scores = (r: Awaited<ReturnType<Engine['query']>>) => r.results.map((m) => [m.markId, m.probability, m.likelyInfringement]);
      expect(scores(await warm.query(copy.jpeg, { date, top: 5 }))).toEqual(scores(await engine.query(copy.jpeg, { date, top: 5 })));
    } finally {
      await warm.close();
    }
  });
});

describe('warm-up on a database without marks', () => {
  it('completes, and a query then answers with no results', async () => {
    const engine = Engine.open({ dbPath: join(tempDir(), 'empty.db') });
    try {
      await engine.warmUp();
      const r = await engine.query(await synthPhoto(await markPng('github'), { seed: 3 }).then((p) => p.jpeg));
      expect(r.results).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
