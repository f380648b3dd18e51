// Where does a miss come from? On a generated split, per kind: how often a proposed region holds the
// true mark (>= 80 % of it, the mark filling >= 20 % of the region: IoU is a poor test for small marks
// with the proposals' margin), and embedding-only R@1/R@10 for (a) the engine's regions, (b) the whole photo
// only, (c) the whole photo + the true box as the inspector's crop (an oracle detector).
import { Command } from 'commander';
import sharp from 'sharp';
import { join } from 'node:path';
import { openBenchEngine } from './evaluate/benchDb';
import { loadGalleryBrands } from './evaluate/galleryBrands';
import { syntheticRelevance } from './evaluate/relevance';
import { readJsonl } from './lib/jsonl';
import { benchDbPath, photosDir } from './lib/paths';
import type { TruthRow } from './photos/truthRow';
import type { Split } from './photos/split';
import type { BoxXYWH } from '../api/query';

function holds(region: BoxXYWH, mark: BoxXYWH): boolean {
  const ix = Math.max(0, Math.min(region[0] + region[2], mark[0] + mark[2]) - Math.max(region[0], mark[0]));
  const iy = Math.max(0, Math.min(region[1] + region[3], mark[1] + mark[3]) - Math.max(region[1], mark[1]));
  const markArea = mark[2] * mark[3];
  return ix * iy >= 0.8 * markArea && markArea >= 0.2 * region[2] * region[3];
}

/** the true box with the 12% margin region proposals add, as its own image */
async function cropTo(path: string, box: BoxXYWH, width: number, height: number): Promise<Buffer> {
  const m = 0.12 * Math.max(box[2], box[3]);
  const left = Math.max(0, Math.round(box[0] - m)), top = Math.max(0, Math.round(box[1] - m));
  const right = Math.min(width, Math.round(box[0] + box[2] + m)), bottom = Math.min(height, Math.round(box[1] + box[3] + m));
  return sharp(path).extract({ left, top, width: right - left, height: bottom - top }).png().toBuffer();
}

const program = new Command()
  .option('--split <split>', 'val or test', 'val')
  .option('--per-kind <n>', 'photos per kind', '60')
  .parse();
const opts = program.opts<{ split: Split; perKind: string }>();
const brands = loadGalleryBrands();
const dir = photosDir(opts.split);
const rows = readJsonl<TruthRow>(join(dir, 'truth.jsonl'));
const { engine } = await openBenchEngine(benchDbPath, () => {});
const perKind = Number(opts.perKind);
const stats = new Map<string, { n: number; covered: number; hit: Record<string, [number, number]> }>();
const taken = new Map<string, number>();
for (const row of rows) {
  if (!row.markId) continue;
  const n = taken.get(row.kind) ?? 0;
  if (n >= perKind) continue;
  taken.set(row.kind, n + 1);
  const rel = syntheticRelevance(row, brands);
  const s = stats.get(row.kind) ?? { n: 0, covered: 0, hit: {} };
  stats.set(row.kind, s);
  s.n++;
  const path = join(dir, row.file);
  const variants: Record<string, object> = {
    regions: {},
    whole: { regions: false },
    oracle: { regions: false, crop: row.box as BoxXYWH },
    cropOnly: {},
  };
  for (const [name, v] of Object.entries(variants)) {
    const input = name === 'cropOnly' ? await cropTo(path, row.box as BoxXYWH, row.width, row.height) : path;
    const r = await engine.query(input, { top: 10 + rel.hidden.size, verify: false, ...(name === 'cropOnly' ? { regions: false } : v) });
    const ranked = r.results.filter((m) => !rel.hidden.has(m.markId)).map((m) => m.markId);
    const h = (s.hit[name] ??= [0, 0]);
    if (rel.relevant.has(ranked[0])) h[0]++;
    if (ranked.slice(0, 10).some((id) => rel.relevant.has(id))) h[1]++;
    if (name === 'regions' && r.regions.slice(1).some((b) => holds(b as BoxXYWH, row.box as BoxXYWH))) s.covered++;
  }
}
for (const [kind, s] of stats) {
  const f = (x: number) => (x / s.n).toFixed(3);
  console.log(`${kind} n=${s.n} region holds mark: ${f(s.covered)} | ` + Object.entries(s.hit).map(([k, [a, b]]) => `${k} R@1 ${f(a)} R@10 ${f(b)}`).join(' | '));
}
engine.close();
