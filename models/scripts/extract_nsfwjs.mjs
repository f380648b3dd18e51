// Extract the nsfwjs 4.4.0 MobileNetV2 Keras layers model (shipped as browserified
// .min.js modules) into models/.work/nsfwjs_mnv2/: topology.json, weights.json, weights.bin
// (float32, little endian, dequantised: value = q * scale + min).
// Usage: node models/scripts/extract_nsfwjs.mjs [modelName=mobilenet_v2]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const modelName = process.argv[2] || 'mobilenet_v2';
// nsfwjs' exports map hides package.json: resolve the cjs entry and walk up to the package root
let pkgDir = path.dirname(require.resolve('nsfwjs'));
while (!fs.existsSync(path.join(pkgDir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).name !== 'nsfwjs') pkgDir = path.dirname(pkgDir);
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const mdir = path.join(pkgDir, 'dist', 'models', modelName);
const model = require(path.join(mdir, 'model.min.js'));
const manifest = model.weightsManifest;
const outDir = path.join(root, 'models', '.work', 'nsfwjs_' + modelName);
fs.mkdirSync(outDir, { recursive: true });

const chunks = [];
const entries = [];
let offset = 0;
for (const group of manifest) {
  // shards are modules exporting a base64 string
  const bufs = group.paths.map((p) => {
    const shardFile = path.join(mdir, p.replace(/\.bin$/, '') + (p.endsWith('.min.js') ? '' : '.min.js'));
    let mod = require(fs.existsSync(shardFile) ? shardFile : path.join(mdir, p));
    if (typeof mod !== 'string') mod = mod.default ?? Object.values(mod)[0];
    return Buffer.from(mod, 'base64');
  });
  const data = Buffer.concat(bufs);
  let pos = 0;
  for (const w of group.weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(n);
    const q = w.quantization;
    if (q && q.dtype === 'uint8') {
      for (let i = 0; i < n; i++) out[i] = data[pos + i] * q.scale + q.min;
      pos += n;
    } else if (q && q.dtype === 'uint16') {
      for (let i = 0; i < n; i++) out[i] = data.readUInt16LE(pos + 2 * i) * q.scale + q.min;
      pos += 2 * n;
    } else if (!q && w.dtype === 'float32') {
      for (let i = 0; i < n; i++) out[i] = data.readFloatLE(pos + 4 * i);
      pos += 4 * n;
    } else {
      throw new Error(`unsupported weight encoding for ${w.name}: ${JSON.stringify(q)} ${w.dtype}`);
    }
    entries.push({ name: w.name, shape: w.shape, offset, length: n });
    offset += n;
    chunks.push(Buffer.from(out.buffer));
  }
  if (pos !== data.length) throw new Error(`weight group size mismatch: used ${pos} of ${data.length} bytes`);
}
fs.writeFileSync(path.join(outDir, 'weights.bin'), Buffer.concat(chunks));
fs.writeFileSync(path.join(outDir, 'weights.json'), JSON.stringify(entries, null, 1));
fs.writeFileSync(path.join(outDir, 'topology.json'), JSON.stringify(model.modelTopology));
fs.writeFileSync(path.join(outDir, 'source.json'), JSON.stringify({ package: 'nsfwjs', version: pkg.version, license: pkg.license, model: modelName }));
console.log(`extracted ${entries.length} tensors (${offset} floats) from nsfwjs ${pkg.version} ${modelName} -> ${path.relative(root, outDir)}`);
