// Parity between torch (reference outputs written by export_onnx.py) and onnxruntime-node for models/<name>.onnx.
// usage: node models/scripts/check_parity_torch.mjs <name>
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const ort = require('onnxruntime-node');
const name = process.argv[2] || 'mnv2-emb256';
const pdir = path.join(root, 'models/.work/parity');
const cases = JSON.parse(fs.readFileSync(path.join(pdir, name + '.json'), 'utf8'));
const sess = await ort.InferenceSession.create(path.join(root, 'models', name + '.onnx'), { intraOpNumThreads: 1 });
const f32 = (f) => { const b = fs.readFileSync(f); return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length)); };
let worst = 0;
for (let i = 0; i < cases.length; i++) {
  const x = f32(path.join(pdir, `${name}_in${i}.bin`)), ref = f32(path.join(pdir, `${name}_out${i}.bin`));
  const out = (await sess.run({ input: new ort.Tensor('float32', x, cases[i].shape) }))[sess.outputNames[0]].data;
  let d = 0; for (let k = 0; k < ref.length; k++) d = Math.max(d, Math.abs(ref[k] - out[k]));
  worst = Math.max(worst, d);
  console.log(`  ${cases[i].shape.join('x')}: max abs diff ${d.toExponential(2)}`);
}
console.log(`parity ${name} torch vs onnxruntime-node: max abs diff ${worst.toExponential(2)}`);
if (worst > 1e-3) { console.error('PARITY FAILED'); process.exit(1); }
