// Parity: TFJS (pure JS CPU backend) running the original nsfwjs Keras model, cut at the same layer,
// vs onnxruntime-node running models/<name>.onnx, on the same random + structured tensors.
// usage: node models/scripts/check_parity.mjs [name=mnv2-b10-max] [cut=block_10_project_BN]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const name = process.argv[2] || 'mnv2-b10-max';
const cut = process.argv[3] || 'block_10_project_BN';

let tf;
try { tf = require('@tensorflow/tfjs'); } catch {
  tf = createRequire(path.join(root, 'models/.work/node_modules/.keep'))('@tensorflow/tfjs');
}
const ort = require('onnxruntime-node');
await tf.setBackend('cpu');

let pkgDir = path.dirname(require.resolve('nsfwjs'));
while (!fs.existsSync(path.join(pkgDir, 'dist', 'models'))) pkgDir = path.dirname(pkgDir);
const mdir = path.join(pkgDir, 'dist', 'models', 'mobilenet_v2');
const mj = require(path.join(mdir, 'model.min.js'));
const group = mj.weightsManifest[0];
const shards = group.paths.map((p) => Buffer.from(require(path.join(mdir, p + '.min.js')), 'base64'));
const wbuf = Buffer.concat(shards);
const handler = tf.io.fromMemory({
  modelTopology: mj.modelTopology,
  weightSpecs: mj.weightsManifest.flatMap((g) => g.weights),
  weightData: wbuf.buffer.slice(wbuf.byteOffset, wbuf.byteOffset + wbuf.byteLength),
});
const full = await tf.loadLayersModel(handler);
const sub = tf.model({ inputs: full.inputs, outputs: full.getLayer(cut).output });

const sess = await ort.InferenceSession.create(path.join(root, 'models', name + '.onnx'), { intraOpNumThreads: 1 });
const S = 224, N = 4;
// deterministic inputs in [0,1]: noise, gradients, blocks
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const nhwc = new Float32Array(N * S * S * 3);
for (let n = 0; n < N; n++) for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) for (let c = 0; c < 3; c++) {
  let v;
  if (n === 0) v = rnd();
  else if (n === 1) v = (x + y * (c + 1)) / (S * 4) % 1;
  else if (n === 2) v = ((x >> 4) + (y >> 4)) % 2 ? 1 : 0.1 * c;
  else v = 0.5 + 0.5 * Math.sin(x / 7 + c) * Math.cos(y / 11);
  nhwc[((n * S + y) * S + x) * 3 + c] = v;
}
const nchw = new Float32Array(N * 3 * S * S);
for (let n = 0; n < N; n++) for (let c = 0; c < 3; c++) for (let i = 0; i < S * S; i++) nchw[(n * 3 + c) * S * S + i] = nhwc[(n * S * S + i) * 3 + c];

const fm = sub.predict(tf.tensor4d(nhwc, [N, S, S, 3]));
const pooled = fm.max([1, 2]);
const emb = pooled.div(pooled.norm(2, 1, true).maximum(1e-12));
const ref = await emb.data();
const out = (await sess.run({ input: new ort.Tensor('float32', nchw, [N, 3, S, S]) })).embedding.data;
let maxd = 0;
for (let i = 0; i < ref.length; i++) maxd = Math.max(maxd, Math.abs(ref[i] - out[i]));
const rawPooled = await pooled.data();
console.log(`parity ${name} vs tfjs ${tf.version.tfjs} cpu (cut=${cut}, ${N}x${S}x${S}): dim=${ref.length / N} max abs diff (L2-normalised embedding) = ${maxd.toExponential(2)}; pooled feature range [${Math.min(...rawPooled).toFixed(3)}, ${Math.max(...rawPooled).toFixed(3)}]`);
// dynamic shapes: run other sizes/batches through ORT
for (const [b, h, w] of [[1, 160, 160], [3, 288, 200], [2, 97, 131]]) {
  const r = await sess.run({ input: new ort.Tensor('float32', new Float32Array(b * 3 * h * w).fill(0.5), [b, 3, h, w]) });
  console.log(`  ort dynamic ${b}x3x${h}x${w} -> ${r.embedding.dims.join('x')}`);
}
if (maxd > 5e-3) { console.error('PARITY FAILED'); process.exit(1); }
