// Where does a miss come from? Per group (synthetic kinds of a split, and the shared real photos), embedding
// only (no verification): how often a proposed region holds the true mark (>= 80 % of it, the mark filling
// >= 20 % of the region: IoU undercounts small marks with the proposals' margin), and R@1 / R@10 for
//   regions   the engine as shipped (whole photo + proposed regions)
//   whole     the whole photo only
//   crop      whole + regions + the true box as the inspector's crop (what drawing a box in the UI gives)
//   cropOnly  the true box cut out (plus the proposals' 12 % margin) as the photo: a perfect detector
// usage: npx tsx bench/diagnose.ts [--split val] [--per-kind 60] [--real]
import { Command } from 'commander';
import { join } from 'node:path';
import sharp from 'sharp';
import type { BoxXYWH } from '../api/query';
import { holdsMark } from '../core/detect';
import { openBenchEngine } from './evaluate/benchDb';
import { loadGalleryBrands } from './evaluate/galleryBrands';
import { realPhotoRelevance, syntheticRelevance, type RealPhotoLabel, type Relevance } from './evaluate/relevance';
import { readJsonl } from './lib/jsonl';
import { benchDbPath, photosDir, realPhotosDir } from './lib/paths';
import type { Split } from './photos/split';
import type { TruthRow } from './photos/truthRow';

interface Job {
  group: string;
  path: string;
  box: BoxXYWH;
  relevance: Relevance;
}

/** the true box with the proposals' 12 % margin, as its own image */
async function cutOut(path: string, box: BoxXYWH): Promise<Buffer> {
  const image = sharp(path).rotate();
  const { width = 0, height = 0 } = await image.metadata();
  const m = 0.12 * Math.max(box[2], box[3]);
  const left = Math.max(0, Math.round(box[0] - m));
  const top = Math.max(0, Math.round(box[1] - m));
  const right = Math.min(width, Math.round(box[0] + box[2] + m));
  const bottom = Math.min(height, Math.round(box[1] + box[3] + m));
  return image.extract({ left, top, width: right - left, height: bottom - top }).png().toBuffer();
}

const opts = new Command()
  .option('--split <split>', 'val or test', 'val')
  .option('--per-kind <n>', 'synthetic photos per kind', '60')
  .option('--real', 'the shared real photos instead of a synthetic split')
  .parse()
  .opts<{ split: Split; perKind: string; real?: boolean }>();
const brands = loadGalleryBrands();

function syntheticJobs(): Job[] {
  const dir = photosDir(opts.split);
  const taken = new Map<string, number>();
  return readJsonl<TruthRow>(join(dir, 'truth.jsonl'))
    .filter((row) => {
      const n = taken.get(row.kind) ?? 0;
      taken.set(row.kind, n + 1);
      return row.markId !== null && n < Number(opts.perKind);
    })
    .map((row) => ({ group: row.kind, path: join(dir, row.file), box: row.box as BoxXYWH, relevance: syntheticRelevance(row, brands) }));
}

function realJobs(): Job[] {
  return readJsonl<RealPhotoLabel>(join(realPhotosDir, 'labels.jsonl')).map((l) => ({
    group: l.tags.includes('small-logo') ? 'real small-logo' : 'real other',
    path: join(realPhotosDir, l.photo),
    box: l.box,
    relevance: realPhotoRelevance(l, brands),
  }));
}

const { engine } = await openBenchEngine(benchDbPath, () => {});
const stats = new Map<string, { n: number; held: number; hits: Map<string, [number, number]> }>();
for (const job of opts.real ? realJobs() : syntheticJobs()) {
  const s = stats.get(job.group) ?? { n: 0, held: 0, hits: new Map() };
  stats.set(job.group, s);
  s.n++;
  const variants: [string, Buffer | string, object][] = [
    ['regions', job.path, {}],
    ['whole', job.path, { regions: false }],
    ['crop', job.path, { crop: job.box }],
    ['cropOnly', await cutOut(job.path, job.box), { regions: false }],
  ];
  for (const [name, input, options] of variants) {
    const { hidden, relevant } = job.relevance;
    const r = await engine.query(input, { top: 10 + hidden.size, verify: false, ...options });
    const ranked = r.results.filter((m) => !hidden.has(m.markId)).map((m) => m.markId);
    const h = s.hits.get(name) ?? [0, 0];
    s.hits.set(name, h);
    if (relevant.has(ranked[0])) h[0]++;
    if (ranked.slice(0, 10).some((id) => relevant.has(id))) h[1]++;
    if (name === 'regions' && r.regions.slice(1).some((b) => holdsMark(b, job.box))) s.held++;
  }
}
for (const [group, s] of stats) {
  const f = (x: number) => (x / s.n).toFixed(3);
  const hits = [...s.hits].map(([k, [a, b]]) => `${k} ${f(a)} / ${f(b)}`).join(' | ');
  console.log(`${group} (${s.n}): region holds mark ${f(s.held)} | R@1 / R@10: ${hits}`);
}
await engine.close();
