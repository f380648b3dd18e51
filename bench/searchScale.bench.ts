// `npx tsx bench/searchScale.bench.ts [--marks 200000] [--dim 256] [--batch 19]`: how long the exact cosine
// scan takes at the architecture's scale target (200k recorded images), with random unit vectors: one
// region at a time in JavaScript (VectorIndex.search), and a query's regions in one onnxruntime batch
// (searchMany: 4 regions keep 100, 15 windows 20, as a query on a 640 x 480 photo does).
import { l2normalize } from '../core/embed/vectorMath';
import { VectorIndex } from '../core/search';
import { createRng } from './lib/prng';
import { percentile } from './metrics';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const marks = arg('marks', 200_000);
const dim = arg('dim', 256);
const batch = arg('batch', 19);
const rng = createRng(7);
const unit = () => l2normalize(Float32Array.from({ length: dim }, () => rng.gauss()));

const flat = new Float32Array(marks * dim);
for (let i = 0; i < marks; i++) flat.set(unit(), i * dim);
const index = VectorIndex.from(Array.from({ length: marks }, (_, i) => `m${i}`), flat, dim);
const times: number[] = [];
for (let q = 0; q < 50; q++) {
  const query = unit();
  const t = performance.now();
  index.search(query, 100);
  times.push(performance.now() - t);
}
const mb = (marks * dim * 4) / 2 ** 20;
console.log(`exact cosine top-100 over ${marks} x ${dim}-d (${mb.toFixed(0)} MiB), JavaScript: p50 ${percentile(times.slice(5), 50).toFixed(1)} ms, p95 ${percentile(times.slice(5), 95).toFixed(1)} ms per region`);

const ks = Array.from({ length: batch }, (_, i) => (i < 4 ? 100 : 20));
let t = performance.now();
await index.searchMany([unit()], [100]);
const buildMs = performance.now() - t;
const batches: number[] = [];
for (let q = 0; q < 30; q++) {
  const queries = Array.from({ length: batch }, unit);
  t = performance.now();
  await index.searchMany(queries, ks);
  batches.push(performance.now() - t);
}
const memory = process.memoryUsage();
console.log(
  `onnxruntime batch of ${batch} regions: p50 ${percentile(batches.slice(3), 50).toFixed(1)} ms, p95 ${percentile(batches.slice(3), 95).toFixed(1)} ms per query ` +
    `(first call builds the session: ${buildMs.toFixed(0)} ms; rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB)`,
);
