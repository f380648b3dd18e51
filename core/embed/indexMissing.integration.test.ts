import sharp from 'sharp';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../api/query';
import { embeddingRepository } from '../../db';
import { logoSvg, photoOf, writeLogos } from '../../test/helpers/fixtures';
import { tempDir } from '../../test/helpers/tempDir';
import { openEngine } from '../engine';

const SLUGS = ['nike', 'adidas', 'puma', 'apple', 'spotify', 'netflix', 'google', 'github', 'shell', 'starbucks'];

describe('indexMissing', () => {
  const dir = tempDir();
  writeLogos(join(dir, 'marks'), SLUGS);
  mkdirSync(join(dir, 'opaque'));
  beforeAll(async () => {
    writeFileSync(join(dir, 'opaque', 'nike-photo.jpg'), await photoOf('nike'));
    // a recordal image as customs often holds it: a JPEG of the mark on white, no alpha
    const onWhite = await sharp(Buffer.from(logoSvg('puma')), { density: 300 }).resize(240, 240, { fit: 'contain', background: '#fff' }).flatten({ background: '#fff' });
    writeFileSync(join(dir, 'opaque', 'puma-on-white.jpg'), await onWhite.jpeg({ quality: 85 }).toBuffer());
  });

  it('resumes after an interruption and ends with the same vectors as one clean run', async () => {
    const clean = await openEngine({ dbPath: join(dir, 'clean.db'), threads: 1 });
    await clean.importImages(join(dir, 'marks'));
    await clean.indexMissing({ batchSize: 3 });
    const model = await clean.model();
    const want = embeddingRepository(clean.db).loadAll(model.id, model.dim);

    const engine = await openEngine({ dbPath: join(dir, 'resumed.db'), threads: 1 });
    await engine.importImages(join(dir, 'marks'));
    const stop = new AbortController();
    await expect(
      engine.indexMissing({ batchSize: 3, signal: stop.signal, onProgress: (p) => p.done >= 3 && stop.abort() }),
    ).rejects.toThrow(/cancelled/);
    const partial = embeddingRepository(engine.db).count(model.id);
    expect(partial).toBe(3); // whole batches only
    const rest = await engine.indexMissing({ batchSize: 3 });
    expect(rest.embedded).toBe(SLUGS.length - 3);
    const got = embeddingRepository(engine.db).loadAll(model.id, model.dim);
    expect(got.imageSha256).toEqual(want.imageSha256);
    for (let i = 0; i < got.vectors.length; i++) expect(got.vectors[i]).toBeCloseTo(want.vectors[i], 4);
    await clean.close();
    await engine.close();
  });

  it('stores a mid-grey view for see-through marks and marks on a plain ground, and only the fact of it for others', async () => {
    const engine = await openEngine({ dbPath: join(dir, 'clean.db'), threads: 1 });
    const model = await engine.model();
    expect(model.model.spec.input.markViews).toEqual(['full', 'grey']);
    const repo = embeddingRepository(engine.db);
    const full = repo.loadAll(model.id, model.dim);
    const both = repo.loadAll(model.id, model.dim, ['full', 'grey']);
    // the simple-icons SVGs are all transparent: each has a grey view that differs from its full one
    expect(both.imageSha256.length).toBe(2 * full.imageSha256.length);
    const [a, b] = [both.vectors.subarray(0, model.dim), both.vectors.subarray(model.dim, 2 * model.dim)];
    expect(a.reduce((s, v, j) => s + v * b[j], 0)).toBeLessThan(0.999);
    expect(repo.countMissing(model.id, ['full', 'grey'])).toBe(0);
    // a JPEG mark on white gets its grey view through its ground; a photo-like one gets a zero-length grey
    // row: never embedded twice, never loaded
    await engine.importImages(join(dir, 'opaque'));
    const report = await engine.indexMissing();
    expect(report.embedded).toBe(2);
    expect(repo.loadAll(model.id, model.dim, ['full', 'grey']).imageSha256.length).toBe(2 * SLUGS.length + 3);
    expect(repo.countMissing(model.id, ['full', 'grey'])).toBe(0);
    await engine.close();
  });

  it('reports vectors and local features as two phases, and an unreadable stored image once, by mark', async () => {
    const engine = await openEngine({ dbPath: join(dir, 'damaged.db'), threads: 1 });
    await engine.importImages(join(dir, 'marks'));
    // a damaged stored image (disk fault, hand-edited database): no vector, no features, the rest carries on
    engine.db.prepare(`UPDATE images SET bytes = ? WHERE sha256 = (SELECT image_sha256 FROM marks WHERE id = 'shell')`).run(Buffer.from('garbage'));
    const phases: string[] = [];
    const r = await engine.indexMissing({ onProgress: (p) => phases.at(-1) !== p.phase && phases.push(p.phase) });
    expect(phases).toEqual(['index', 'features']);
    expect(r.embedded).toBe(SLUGS.length - 1);
    expect(r.features?.extracted).toBe(SLUGS.length - 1);
    expect(r.failed).toEqual([{ where: 'mark shell', reason: expect.stringMatching(/not a readable image/) }]);
    await engine.close();
  });

  it('does not keep a gallery a query loaded while indexing ran: the next query sees every new vector', async () => {
    const engine = await openEngine({ dbPath: join(dir, 'busy.db'), threads: 1 });
    await engine.importImages(join(dir, 'marks'));
    const during: { query?: Promise<QueryResult> } = {};
    // an inspector's photo arrives after the first batch is stored (the app answers queries while a job runs)
    await engine.indexMissing({
      batchSize: 3,
      onProgress: (p) => {
        if (p.phase === 'index' && p.done === 3) during.query ??= engine.query(join(dir, 'marks', 'nike.svg'), { top: 3, verify: false });
      },
    });
    expect((await during.query)?.warnings?.[0]?.code).toBe('MARKS_UNINDEXED');
    const after = await engine.query(join(dir, 'marks', 'starbucks.svg'), { top: 3, verify: false });
    expect(after.warnings).toBeUndefined();
    expect(after.results[0]!.markId).toBe('starbucks');
    await engine.close();
  });

  it('re-indexes from scratch for another model id and never mixes the two', async () => {
    const engine = await openEngine({ dbPath: join(dir, 'clean.db'), threads: 1 });
    const model = await engine.model();
    const repo = embeddingRepository(engine.db);
    repo.registerModel({ id: 'f'.repeat(64), name: 'older-model', dim: 8 });
    repo.putMany('f'.repeat(64), [{ imageSha256: repo.loadAll(model.id, model.dim).imageSha256[0], vector: new Float32Array(8) }]);
    expect(repo.count('f'.repeat(64))).toBe(1);
    expect(repo.countMissing(model.id)).toBe(0);
    const r = await engine.query(join(dir, 'marks', 'github.svg'), { top: 3 });
    expect(r.results[0].markId).toBe('github');
    expect(r.modelId).toBe(model.id);
    await engine.close();
  });

  it('warns, instead of answering silently short, while marks lack vectors for the model', async () => {
    const engine = await openEngine({ dbPath: join(dir, 'unindexed.db'), threads: 1 });
    await engine.importImages(join(dir, 'marks'));
    const before = await engine.query(join(dir, 'marks', 'nike.svg'), { top: 3, verify: false });
    expect(before.results).toEqual([]);
    expect(before.warnings).toEqual([
      { code: 'MARKS_UNINDEXED', message: expect.stringMatching(/^10 of 10 marks have no vector .* run marksight index$/), values: { missing: 10, total: 10 } },
    ]);
    await engine.indexMissing();
    const after = await engine.query(join(dir, 'marks', 'nike.svg'), { top: 3, verify: false });
    expect(after.warnings).toBeUndefined();
    expect(after.results[0].markId).toBe('nike');
    await engine.close();
  });
});
