// Render a pool of NON-brand @iconify/json icons to PNG (RGBA, 192 px, fitted, transparent) for training
// the embedding, plus a held-out validation pool from whole held-out sets.
// Brand/logo sets and any icon whose name matches a benchmark logo (simple-icons / @iconify-json/logos)
// are excluded; so are sets with NC, SA or GPL licences. The name match misses variants the suffix list does not know
// (github-inverted, social-spotify): bench/trainingOverlap.ts lists them and bounds what they add to the bench.
// @iconify/json is installed outside package.json: npm install --no-save --prefix models/.work @iconify/json@2.2.535
// Output: models/.work/pool/{train,val}.bin (concatenated PNGs) + {train,val}.json (index), sets.json (licences)
// usage: node models/scripts/prep_icons.mjs [perSetCap=700] [size=192]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const sharp = require('sharp');
sharp.concurrency(1);
const CAP = Number(process.argv[2] || 700);
const SIZE = Number(process.argv[3] || 192);
const iconDir = path.join(root, 'models/.work/node_modules/@iconify/json/json');
const iconPkg = JSON.parse(fs.readFileSync(path.join(iconDir, '..', 'package.json'), 'utf8'));
const outDir = path.join(root, 'models/.work/pool');
fs.mkdirSync(outDir, { recursive: true });

// Sets that are logos/brands (benchmark-like), flags, file-type/app icons, or non-permissive licences.
const EXCLUDE = new Set([
  'logos', 'simple-icons', 'fa-brands', 'fa6-brands', 'fa7-brands', 'cib', 'cif', 'bxl', 'skill-icons',
  'devicon', 'devicon-line', 'devicon-original', 'devicon-plain', 'vscode-icons', 'file-icons', 'material-icon-theme',
  'catppuccin', 'cryptocurrency', 'cryptocurrency-color', 'token', 'token-branded', 'brandico', 'entypo-social',
  'streamline-logos', 'selfhst', 'thesvg', 'thesvg-color', 'arcticons', 'nonicons', 'unjs', 'k8s', 'gcp',
  'academicons', 'bitcoin-icons', 'flag', 'flagpack', 'circle-flags', 'fontisto', 'emblemicons', 'svg-spinners',
]);
const BAD_LICENCE = /NC|SA|GPL/;
// Held-out sets: never trained on; validation marks + distractors come from them.
const VAL_SETS = { 'game-icons': 300, twemoji: 150, carbon: 150, healthicons: 100, 'icon-park-outline': 100 };
const VAL_DISTRACTORS = 1200;

// Names of the benchmark gallery marks: drop any icon whose (normalised) name matches one.
const benchNames = new Set();
const norm = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
for (const f of ['simple-icons.json', 'logos.json']) {
  const j = JSON.parse(fs.readFileSync(path.join(iconDir, f), 'utf8'));
  for (const n of Object.keys(j.icons)) {
    benchNames.add(norm(n.replace(/-(icon|wordmark|logo)$/, '')));
  }
}
const STRIP = /-(fill|filled|line|outline|outlined|solid|regular|bold|light|thin|duotone|twotone|sharp|round|rounded|circle|square|alt|logo|icon|\d+)$/;
const isBrandName = (n) => {
  if (/logo|brand|trademark|copyright/.test(n)) return true;
  let s = n;
  for (let i = 0; i < 4; i++) s = s.replace(STRIP, '');
  const k = norm(s);
  return k.length >= 3 && benchNames.has(k);
};

let seed = 20261125;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const shuffle = (a) => { for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a; };

const train = [], val = [], sets = [];
let droppedBrand = 0;
for (const f of fs.readdirSync(iconDir).sort()) {
  const j = JSON.parse(fs.readFileSync(path.join(iconDir, f), 'utf8'));
  const prefix = j.prefix, lic = j.info?.license?.spdx || '?';
  if (EXCLUDE.has(prefix) || BAD_LICENCE.test(lic) || prefix.startsWith('devicon') || prefix.startsWith('cryptocurrency')) continue;
  const names = Object.keys(j.icons).filter((n) => !j.icons[n].hidden);
  const keep = names.filter((n) => !isBrandName(n) && !/^flag-|-flag$|^flag$/.test(n));
  droppedBrand += names.length - keep.length;
  shuffle(keep);
  const mk = (n) => {
    const ic = j.icons[n];
    const w = ic.width ?? j.width ?? 16, h = ic.height ?? j.height ?? 16;
    const l = ic.left ?? j.left ?? 0, t = ic.top ?? j.top ?? 0;
    return { id: `${prefix}:${n}`, set: prefix, svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${l} ${t} ${w} ${h}" width="${SIZE}" height="${SIZE}" style="color:#000">${ic.body}</svg>` };
  };
  if (prefix in VAL_SETS) {
    const nq = VAL_SETS[prefix];
    keep.slice(0, nq + Math.round(VAL_DISTRACTORS * nq / 800)).forEach((n, i) => val.push({ ...mk(n), query: i < nq }));
  } else {
    keep.slice(0, CAP).forEach((n) => train.push(mk(n)));
  }
  sets.push({ prefix, name: j.info?.name, license: lic, author: j.info?.author?.name, used: prefix in VAL_SETS ? 'validation' : 'train', total: names.length });
}
console.log(`train icons ${train.length}, val ${val.length} (${val.filter((v) => v.query).length} queries), dropped brand-like names ${droppedBrand}`);

async function renderAll(list, name) {
  const bufs = [], index = [];
  let off = 0, i = 0, fail = 0;
  const t0 = Date.now();
  async function worker() {
    while (i < list.length) {
      const k = i++;
      const it = list[k];
      try {
        const { data, info } = await sharp(Buffer.from(it.svg), { density: 72 }).resize(SIZE, SIZE, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
        let amax = 0, cov = 0;
        for (let p = 3; p < data.length; p += 4) { if (data[p] > amax) amax = data[p]; if (data[p] > 127) cov++; }
        if (amax < 128 || cov < 40) { fail++; continue; } // empty / near-empty render
        const png = await sharp(data, { raw: info }).png({ compressionLevel: 3 }).toBuffer();
        bufs[k] = png;
      } catch { fail++; }
      if (k % 5000 === 0) console.log(`  ${name} ${k}/${list.length} ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  await Promise.all([worker(), worker(), worker()]);
  const parts = [];
  list.forEach((it, k) => {
    if (!bufs[k]) return;
    index.push({ id: it.id, set: it.set, off, len: bufs[k].length, ...(it.query !== undefined ? { query: it.query } : {}) });
    off += bufs[k].length; parts.push(bufs[k]);
  });
  fs.writeFileSync(path.join(outDir, name + '.bin'), Buffer.concat(parts));
  fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify(index));
  console.log(`${name}: ${index.length} rendered, ${fail} failed/empty, ${(off / 1e6).toFixed(1)} MB, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
await renderAll(val, 'val');
await renderAll(train, 'train');
fs.writeFileSync(path.join(outDir, 'sets.json'), JSON.stringify({ package: '@iconify/json', version: iconPkg.version, sets }, null, 1));
