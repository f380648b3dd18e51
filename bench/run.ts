// `npm run bench`: gallery -> bench DB (import + index) -> photos -> evaluate -> table.
// Each step is skipped or cheap when its output is already there, so a rerun is fast.
import { Command } from 'commander';
import { buildGallery } from './gallery/buildGallery';
import { evaluate } from './evaluate';
import { generatePhotos } from './photos/generatePhotos';
import type { Split } from './photos/split';
import { benchDbPath } from './lib/paths';

const opts = new Command()
  .option('--split <split>', 'val | test', 'test')
  .option('--per-kind <n>', 'generated photos per kind', '200')
  .option('--seed <n>', 'generator seed', '1')
  .option('--db <path>', 'bench database', benchDbPath)
  .option('--no-real', 'skip the shared real photos')
  .parse()
  .opts<{ split: Split; perKind: string; seed: string; db: string; real: boolean }>();

const started = performance.now();
const gallery = await buildGallery();
const photos = await generatePhotos({ split: opts.split, perKind: Number(opts.perKind), seed: Number(opts.seed) });
await evaluate({
  split: opts.split,
  dbPath: opts.db,
  real: opts.real,
  context: { seed: Number(opts.seed), perKind: Number(opts.perKind), gallery, photos },
});
console.log(`bench finished in ${((performance.now() - started) / 60000).toFixed(1)} min`);
