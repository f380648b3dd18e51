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
