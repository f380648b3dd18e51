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

/** One row per (key, vector) pair, in order; a key may come back for another view. */
function indexOf(rows: [string, Float32Array][], dim: number): VectorIndex {
  const flat = new Float32Array(rows.length * dim);
  rows.forEach(([, v], i) => flat.set(v, i * dim));
  return VectorIndex.from(rows.map(([k]) => k), flat, dim);
}

describe('VectorIndex', () => {
  const rand = seeded(7);
  const dim = 64;
  const keys = Array.from({ length: 2000 }, (_, i) => `m${i}`);
  const vecs = keys.map(() => randomUnit(rand, dim));
  const index = indexOf(keys.map((k, i) => [k, vecs[i]]), dim);

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

  it('finds a stored vector as its own best match', () => {
    expect(index.size).toBe(2000);
    expect(index.search(vecs[123], 1)[0]).toMatchObject({ key: 'm123' });
  });

  it('counts a key stored in several views once, at its best view', () => {
    const extra = keys.map(() => randomUnit(rand, dim));
    const views = indexOf(keys.flatMap((k, i) => [[k, vecs[i]], [k, extra[i]]] as [string, Float32Array][]), dim);
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
    const extra = keys.map(() => randomUnit(rand, dim));
    const views = indexOf(keys.flatMap((k, i) => [[k, vecs[i]], [k, extra[i]]] as [string, Float32Array][]), dim);
    const queries = Array.from({ length: 7 }, () => randomUnit(rand, dim));
    const ks = [1, 10, 100, 20, 20, 5, 50];
    const many = await views.searchMany(queries, ks);
    queries.forEach((q, i) => {
      const one = views.search(q, ks[i]);
      expect(many[i].map((h) => h.key)).toEqual(one.map((h) => h.key));
      many[i].forEach((h, j) => expect(h.score).toBeCloseTo(one[j].score, 5));
    });
    expect(await VectorIndex.from([], new Float32Array(0), dim).searchMany([queries[0]], [3])).toEqual([[]]);
    // released while a batch is on its way to onnxruntime: the batch still completes
    const want = queries.map((q, i) => views.search(q, ks[i]).map((x) => x.key));
    const pending = views.searchMany(queries, ks);
    views.releaseScans();
    expect((await pending).map((h) => h.map((x) => x.key))).toEqual(want);
    // a closed index (a gallery being dropped) still answers, by the JavaScript scan
    views.close();
    expect((await views.searchMany(queries, ks)).map((h) => h.map((x) => x.key))).toEqual(want);
  });

  it('refuses vectors that do not fill every key', () => {
    expect(() => VectorIndex.from(['a', 'b'], new Float32Array(dim + 3), dim)).toThrow(/2 keys need 128 values of 64 dims, got 67/);
  });
});
