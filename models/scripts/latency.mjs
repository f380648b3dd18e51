// Latency of models/<name>.onnx with onnxruntime-node, 1 intra-op thread, batch 1, at the sidecar's size
// (or argv[3]). Reports the median of 50 runs after 5 warm-up runs.
// usage: node models/scripts/latency.mjs <name> [size] [threads]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const ort = require('onnxruntime-node');
const name = process.argv[2] || JSON.parse(fs.readFileSync(path.join(root, 'models/active.json'), 'utf8')).model;
const side = JSON.parse(fs.readFileSync(path.join(root, 'models', name + '.json'), 'utf8'));
const S = Number(process.argv[3] || side.input.size);
const threads = Number(process.argv[4] || 1);
const sess = await ort.InferenceSession.create(path.join(root, 'models', side.file), { intraOpNumThreads: threads, interOpNumThreads: 1 });
const x = new ort.Tensor('float32', Float32Array.from({ length: 3 * S * S }, (_, i) => (i % 251) / 251), [1, 3, S, S]);
for (let i = 0; i < 5; i++) await sess.run({ [side.input.name]: x });
const t = [];
for (let i = 0; i < 50; i++) { const t0 = process.hrtime.bigint(); await sess.run({ [side.input.name]: x }); t.push(Number(process.hrtime.bigint() - t0) / 1e6); }
t.sort((a, b) => a - b);
console.log(`latency ${name} @${S}px, ${threads} thread(s): median ${t[25].toFixed(2)} ms, min ${t[0].toFixed(2)} ms, p90 ${t[45].toFixed(2)} ms`);
