import { describe, expect, it } from 'vitest';
import { l2normalize } from '../embed/vectorMath';
import { VectorIndex } from './vectorIndex';

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
}

function randomUnit(rand: () => number, dim: number): Float32Array {
  return l2normalize(Float32Array.from({ length: dim }, rand));
}

/** The reference: score everything, sort everything. */
function bruteForce(keys: string[], vecs: Float32Array[], q: Float32Array, k: number) {
  return keys
    .map((key, i) => ({ key, score: vecs[i].reduce((s, v, j) => s + v * q[j], 0) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

describe('VectorIndex', () => {
  const rand = seeded(7);
  const dim = 64;
  const keys = Array.from({ length: 2000 }, (_, i) => `m${i}`);
  const vecs = keys.map(() => randomUnit(rand, dim));
  const index = new VectorIndex(dim, 16); // small capacity: exercises growth
  keys.forEach((k, i) => index.add(k, vecs[i]));

  it('returns exactly the brute-force top-K, in order', () => {
    for (let t = 0; t < 20; t++) {
      const q = randomUnit(rand, dim);
      for (const k of [1, 10, 50]) {
        const got = index.search(q, k);
        const want = bruteForce(keys, vecs, q, k);
        expect(got.map((h) => h.key)).toEqual(want.map((h) => h.key));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 5));
      }
    }
  });

  it('finds a stored vector as its own best match, and from() equals add()', () => {
    const flat = new Float32Array(keys.length * dim);
    vecs.forEach((v, i) => flat.set(v, i * dim));
    const bulk = VectorIndex.from(keys, flat, dim);
    expect(bulk.size).toBe(2000);
    expect(bulk.search(vecs[123], 1)[0]).toMatchObject({ key: 'm123' });
    expect(bulk.search(vecs[5], 5)).toEqual(index.search(vecs[5], 5));
  });

  it('counts a key stored in several views once, at its best view', () => {
    const views = new VectorIndex(dim);
    const extra = keys.map(() => randomUnit(rand, dim));
    keys.forEach((k, i) => {
      views.add(k, vecs[i]);
      views.add(k, extra[i]);
    });
    const q = randomUnit(rand, dim);
    const want = keys
      .map((key, i) => ({ key, score: Math.max(...[vecs[i], extra[i]].map((v) => v.reduce((s, x, j) => s + x * q[j], 0))) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 25);
    const got = views.search(q, 25);
    expect(new Set(got.map((h) => h.key)).size).toBe(25);
    for (const h of got) expect(views.scoreOf(q, h.key)).toBeCloseTo(h.score, 6);
    expect(views.scoreOf(q, 'not-stored')).toBeNull();
    expect(got.map((h) => h.key)).toEqual(want.map((h) => h.key));
    got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 5));
  });

  it('searchMany (onnxruntime GEMM + TopK) returns what search returns, per query and k, views counted once', async () => {
    const views = new VectorIndex(dim);
    const extra = keys.map(() => randomUnit(rand, dim));
    keys.forEach((k, i) => {
      views.add(k, vecs[i]);
      views.add(k, extra[i]);
    });
    const queries = Array.from({ length: 7 }, () => randomUnit(rand, dim));
    const ks = [1, 10, 100, 20, 20, 5, 50];
    const many = await views.searchMany(queries, ks);
    queries.forEach((q, i) => {
      const one = views.search(q, ks[i]);
      expect(many[i].map((h) => h.key)).toEqual(one.map((h) => h.key));
      many[i].forEach((h, j) => expect(h.score).toBeCloseTo(one[j].score, 5));
    });
    // adding a vector drops the onnxruntime copy: the next batch sees it
    const probe = randomUnit(rand, dim);
    views.add('probe', probe);
    expect((await views.searchMany([probe], [1]))[0][0]).toMatchObject({ key: 'probe' });
    expect(await new VectorIndex(dim).searchMany([probe], [3])).toEqual([[]]);
    // released while a batch is on its way to onnxruntime: the batch still completes
    const want = queries.map((q, i) => views.search(q, ks[i]).map((x) => x.key));
    const pending = views.searchMany(queries, ks);
    views.releaseScans();
    expect((await pending).map((h) => h.map((x) => x.key))).toEqual(want);
    // a closed index (a gallery being dropped) still answers, by the JavaScript scan
    views.close();
    expect((await views.searchMany(queries, ks)).map((h) => h.map((x) => x.key))).toEqual(want);
  });

  it('refuses a vector of the wrong size', () => {
    expect(() => index.add('x', new Float32Array(3))).toThrow(/3 dims/);
  });
});
