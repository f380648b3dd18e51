// Retrieval on the held-out validation set (models/.work/val, made by make_val.py) with the ENGINE's
// preprocessing as the sidecar says (sharp: decode, flatten onto white, resize per `resize`, RGB,
// (v*scale-mean)/std, NCHW) and onnxruntime-node. Gallery at `size`, queries at each of `querySizes`
// (embeddings averaged, renormalised). Prints R@1 / R@10 (all, icons, wordmarks) and writes
// models/.work/val/result-<name>.json.
// usage: node models/scripts/eval_val.mjs <name> [threads=1]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const ort = require('onnxruntime-node');
const sharp = require('sharp');
const name = process.argv[2];
const threads = Number(process.argv[3] || 1);
const side = JSON.parse(fs.readFileSync(path.join(root, 'models', name + '.json'), 'utf8'));
const vdir = path.join(root, 'models/.work/val');
const meta = JSON.parse(fs.readFileSync(path.join(vdir, 'val.json'), 'utf8'));
const sess = await ort.InferenceSession.create(path.join(root, 'models', side.file), { intraOpNumThreads: threads, interOpNumThreads: 1 });
const I = side.input;

async function prep(file, size) {
  const pad = { r: I.pad[0], g: I.pad[1], b: I.pad[2] };
  let img = sharp(file).flatten({ background: { r: 255, g: 255, b: 255 } });
  img = I.resize === 'squash' ? img.resize(size, size, { fit: 'fill' }) : img.resize(size, size, { fit: 'contain', background: pad });
  const { data } = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const out = new Float32Array(3 * size * size);
  for (let c = 0; c < 3; c++) for (let i = 0; i < size * size; i++) out[c * size * size + i] = (data[i * 3 + c] * I.scale - I.mean[c]) / I.std[c];
  return out;
}
async function embedAll(files, size, bs = 32) {
  const D = side.output.dim, res = new Float32Array(files.length * D);
  for (let s = 0; s < files.length; s += bs) {
    const chunk = files.slice(s, s + bs);
    const arrs = await Promise.all(chunk.map((f) => prep(path.join(vdir, f), size)));
    const x = new Float32Array(chunk.length * 3 * size * size);
    arrs.forEach((a, i) => x.set(a, i * a.length));
    const r = await sess.run({ [I.name]: new ort.Tensor('float32', x, [chunk.length, 3, size, size]) });
    res.set(r[side.output.name].data, s * D);
  }
  return res;
}
const t0 = Date.now();
const D = side.output.dim;
const G = await embedAll(meta.gallery.map((g) => g.file), I.size);
const qs = I.querySizes || [I.size];
const Q = new Float32Array(meta.queries.length * D);
for (const s of qs) { const e = await embedAll(meta.queries.map((q) => q.file), s); for (let i = 0; i < Q.length; i++) Q[i] += e[i]; }
for (let i = 0; i < meta.queries.length; i++) { let n = 0; for (let d = 0; d < D; d++) n += Q[i * D + d] ** 2; n = Math.sqrt(n) || 1; for (let d = 0; d < D; d++) Q[i * D + d] /= n; }
const ranks = meta.queries.map((q, i) => {
  const sims = new Float32Array(meta.gallery.length);
  for (let g = 0; g < meta.gallery.length; g++) { let s = 0; for (let d = 0; d < D; d++) s += Q[i * D + d] * G[g * D + d]; sims[g] = s; }
  const t = sims[q.gallery]; let r = 0; for (let g = 0; g < sims.length; g++) if (sims[g] > t) r++;
  return r;
});
const result = { model: name, gallery: meta.gallery.length, queries: meta.queries.length, size: I.size, querySizes: qs };
for (const k of ['all', 'icon', 'wordmark']) {
  const idx = meta.queries.map((q, i) => i).filter((i) => k === 'all' || meta.queries[i].kind === k);
  result[k] = { n: idx.length, 'R@1': idx.filter((i) => ranks[i] < 1).length / idx.length, 'R@10': idx.filter((i) => ranks[i] < 10).length / idx.length };
}
fs.writeFileSync(path.join(vdir, `result-${name}.json`), JSON.stringify(result, null, 1));
console.log(`val ${name} (gallery ${result.gallery} @${I.size}, ${result.queries} queries @${qs}): ` +
  ['all', 'icon', 'wordmark'].map((k) => `${k} R@1 ${result[k]['R@1'].toFixed(3)} R@10 ${result[k]['R@10'].toFixed(3)}`).join(' | ') + ` (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
