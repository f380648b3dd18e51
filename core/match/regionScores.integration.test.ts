import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { embeddingRepository } from '../../db';
import { writeLogos } from '../../test/helpers/fixtures';
import { tempDir } from '../../test/helpers/tempDir';
import { l2normalize } from '../embed/vectorMath';
import { openEngine, type Engine } from '../engine';
import { GalleryIndex } from '../search';
import { RegionScores } from './regionScores';

const SLUGS = ['nike', 'adidas', 'puma', 'apple', 'spotify', 'netflix', 'google', 'github', 'shell', 'starbucks', 'intel', 'ford'];

describe('RegionScores', () => {
  const dir = tempDir();
  writeLogos(join(dir, 'marks'), SLUGS);
  let engine: Engine;
  let gallery: GalleryIndex;
  let vectorOf: Map<string, Float32Array>;
  let dim: number;

  beforeAll(async () => {
    engine = await openEngine({ dbPath: join(dir, 'g.db'), threads: 1 });
    await engine.importImages(join(dir, 'marks'));
    await engine.indexMissing();
    const model = await engine.model();
    dim = model.dim;
    gallery = GalleryIndex.load(engine.db, model.id, dim, model.model.spec.input.markViews);
    const stored = embeddingRepository(engine.db).loadAll(model.id, dim);
    vectorOf = new Map(stored.imageSha256.map((sha, i) => [sha, stored.vectors.slice(i * dim, (i + 1) * dim)]));
    return () => engine.close();
  });

  /** a unit vector `weight` of the way from the mean of every mark towards `sha`'s */
  const towards = (sha: string | null, weight: number): Float32Array => {
    const out = new Float32Array(dim);
    for (const v of vectorOf.values()) for (let i = 0; i < dim; i++) out[i] += v[i] / vectorOf.size;
    l2normalize(out);
    if (sha) for (let i = 0; i < dim; i++) out[i] = (1 - weight) * out[i] + weight * vectorOf.get(sha)![i];
    return l2normalize(out);
  };

  it('ranks the mark that stands out in its region above one that is merely high in a busy region', async () => {
    const [busyBest, standsOut] = [...vectorOf.keys()];
    const busy = towards(busyBest, 0.15); // near every mark: high cosines all round
    const clear = l2normalize(towards(standsOut, 0.9).map((v, i) => v + 0.6 * Math.sin(i))); // lower cosine, far ahead of the rest
    const scores = await RegionScores.search(gallery, [busy, clear], 2);
    const raw = (v: Float32Array, sha: string) => gallery.vectors.scoreOf(v, sha)!;
    expect(raw(busy, busyBest)).toBeGreaterThan(raw(clear, standsOut));
    expect(scores.rankedByRegions()[0]).toBe(standsOut);
    const shown = scores.showingOf([standsOut]).get(standsOut)!;
    // its raw cosine is higher in the busy region; the region reported is where it stands out
    expect(shown.region).toBe(1);
    expect(shown.cosine).toBeLessThan(raw(busy, standsOut));
    expect(shown.window).toBe(-1); // no windows searched
  });

  it('discounts a hub: of two marks about as close to the region, the one close to every reference region ranks second', async () => {
    const [hub, plain] = [...vectorOf.keys()].slice(4, 6);
    const model = await engine.model();
    const hubbed = GalleryIndex.load(engine.db, model.id, dim, model.model.spec.input.markViews);
    // reference regions: slightly varied copies of the hub's vector, so it sits close to all of them
    const refs = new Float32Array(30 * dim);
    for (let i = 0; i < 30; i++) refs.set(l2normalize(vectorOf.get(hub)!.map((v, j) => v + 0.05 * Math.sin(i * 7 + j))), i * dim);
    await hubbed.measureHubness({ vectors: refs, count: 30, k: 10, weight: 0.5 });
    expect(hubbed.penalty(hub)).toBeGreaterThan(hubbed.penalty(plain) + 0.1);
    const q = l2normalize(vectorOf.get(hub)!.map((v, j) => 0.52 * v + 0.48 * vectorOf.get(plain)![j]));
    expect((await RegionScores.search(gallery, [q], 1)).rankedByRegions()[0]).toBe(hub);
    const after = await RegionScores.search(hubbed, [q], 1);
    expect(after.rankedByRegions()[0]).toBe(plain);
    // the reported contrast carries the discount too
    expect(after.showingOf([hub]).get(hub)!.contrast).toBeLessThan(after.showingOf([plain]).get(plain)!.contrast);
  });

  it("reports a region's ground-free copy as that region, and windows after it as their own", async () => {
    const [a, b] = [...vectorOf.keys()].slice(6, 8);
    // one searched region (0) with two vectors: as photographed (nothing in particular) and without its ground (a); then window 1
    const scores = await RegionScores.search(gallery, [towards(null, 0), towards(a, 0.9), towards(b, 0.9)], 2, [0, 0, 1]);
    expect(scores.rankedByRegions()[0]).toBe(a);
    expect(scores.showingOf([a]).get(a)!.region).toBe(0);
    expect(scores.rankedByWindows()[0]).toBe(b);
    expect(scores.showingOf([b]).get(b)!.windowRegion).toBe(1);
  });

  it('keeps windows apart: they rank their own candidates and report their best window', async () => {
    const [a, b] = [...vectorOf.keys()].slice(2, 4);
    const scores = await RegionScores.search(gallery, [towards(a, 0.9), towards(null, 0), towards(b, 0.9)], 2);
    expect(scores.rankedByRegions()[0]).toBe(a);
    expect(scores.rankedByWindows()[0]).toBe(b);
    const shown = scores.showingOf([b]).get(b)!;
    expect(shown.windowRegion).toBe(2);
    expect(shown.window).toBeGreaterThan(shown.contrast);
  });
});
