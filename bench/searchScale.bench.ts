// `npx tsx bench/searchScale.bench.ts [--marks 200000] [--dim 256]`: how long the exact cosine scan takes
// at the architecture's scale target (200k recorded images), with random unit vectors.
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
const rng = createRng(7);
const unit = () => l2normalize(Float32Array.from({ length: dim }, () => rng.gauss()));

const index = new VectorIndex(dim, marks);
for (let i = 0; i < marks; i++) index.add(`m${i}`, unit());
const times: number[] = [];
for (let q = 0; q < 50; q++) {
  const query = unit();
  const t = performance.now();
  index.search(query, 100);
  times.push(performance.now() - t);
}
const mb = (marks * dim * 4) / 2 ** 20;
console.log(`exact cosine top-100 over ${marks} x ${dim}-d (${mb.toFixed(0)} MiB): p50 ${percentile(times.slice(5), 50).toFixed(1)} ms, p95 ${percentile(times.slice(5), 95).toFixed(1)} ms per region`);
