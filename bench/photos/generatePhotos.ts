// Seeded generator of simulated inspection photos + truth.jsonl. Same --seed and --split, same
// bytes: every photo draws from its own forked PRNG stream, so photos are independent of order. A folder
// generated from the same options, generator code, gallery and sharp is reused (its stamp.json says so).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Command } from 'commander';
import { readJsonl, writeJsonl } from '../lib/jsonl';
import { benchDir, galleryJsonl, photosDir } from '../lib/paths';
import { createRng, type Rng } from '../lib/prng';
import { loadMarkPool, type MarkPool } from './markPool';
import { negativeMarkSvg } from './negativeMarks';
import { KINDS, planEasy, planHard, type Kind, type PhotoPlan, type Subject } from './photoPlan';
import { renderPhoto } from './renderPhoto';
import { splitSeed, type Split } from './split';
import type { TruthRow } from './truthRow';

export interface GenerateOptions {
  split: Split;
  perKind: number;
  seed: number;
  kinds?: readonly Kind[];
  outDir?: string;
  log?: (line: string) => void;
  /** regenerate even when the folder's stamp matches */
  fresh?: boolean;
}

export interface GenerateReport {
  dir: string;
  photos: number;
  seconds: number;
  /** the folder was already generated from the same inputs */
  reused?: boolean;
}

/** What the photos' bytes depend on: the options, the generator's code, the gallery and sharp's version. */
function photosStamp(options: GenerateOptions): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([options.split, options.perKind, options.seed, options.kinds ?? KINDS]));
  for (const folder of ['photos', 'lib', 'gallery']) {
    for (const file of readdirSync(join(benchDir, folder)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
      hash.update(file).update(readFileSync(join(benchDir, folder, file)));
    }
  }
  hash.update(existsSync(galleryJsonl) ? readFileSync(galleryJsonl) : 'no gallery');
  hash.update(createRequire(import.meta.url)('sharp/package.json').version);
  return hash.digest('hex');
}

function negativeSubject(rng: Rng, pool: MarkPool): { subject: Subject; style: string } {
  const { svg, style } = negativeMarkSvg(rng, pool.forbiddenWords);
  return { subject: { svg, markId: null, brand: null }, style };
}

function planFor(rng: Rng, kind: Kind, pool: MarkPool): PhotoPlan {
  switch (kind) {
    case 'easy':
      return planEasy(rng, kind, pool.subject(rng.pick(pool.subjects)));
    case 'hard': {
      const mark = rng.pick(pool.subjects);
      return planHard(rng, kind, pool.subject(mark), (n) => pool.others(rng, mark.brand, n));
    }
    case 'redrawn': {
      // a brand drawn by both packages; photograph one drawing, the other must be found
      const brand = rng.pick(pool.sharedBrands);
      const mark = rng.pick(pool.byBrand.get(brand)!);
      const plan = planEasy(rng, kind, pool.subject(mark));
      plan.subject.sizeFrac = rng.range(0.3, 0.7);
      plan.tags.push(mark.source);
      return plan;
    }
    case 'negative': {
      const { subject, style } = negativeSubject(rng, pool);
      const hard = rng.chance(0.5);
      const plan = hard
        ? planHard(rng, kind, subject, (n) => Array.from({ length: n }, () => negativeSubject(rng, pool).subject))
        : planEasy(rng, kind, subject);
      plan.tags.unshift(hard ? 'hard-like' : 'easy-like', style);
      return plan;
    }
  }
}

export async function generatePhotos(options: GenerateOptions): Promise<GenerateReport> {
  const log = options.log ?? console.log;
  const started = performance.now();
  const dir = options.outDir ?? photosDir(options.split);
  const stamp = photosStamp(options);
  const stampFile = join(dir, 'stamp.json');
  if (!options.fresh && existsSync(stampFile) && JSON.parse(readFileSync(stampFile, 'utf8')).stamp === stamp) {
    const photos = readJsonl<TruthRow>(join(dir, 'truth.jsonl')).length;
    log(`photos: ${photos} already generated from the same inputs -> ${dir}`);
    return { dir, photos, seconds: 0, reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pool = loadMarkPool(options.split);
  const root = createRng(splitSeed(options.split, options.seed));
  const truth: TruthRow[] = [];
  for (const kind of options.kinds ?? KINDS) {
    for (let i = 0; i < options.perKind; i++) {
      const rng = root.fork(`${kind}:${i}`);
      const plan = planFor(rng.fork('plan'), kind, pool);
      const photo = await renderPhoto(rng.fork('render'), plan);
      const file = `${kind}-${String(i).padStart(4, '0')}.jpg`;
      writeFileSync(join(dir, file), photo.jpeg);
      truth.push({
        file,
        kind,
        markId: photo.subject.markId,
        brand: photo.subject.brand,
        box: photo.subject.box,
        width: plan.width,
        height: plan.height,
        surface: plan.surface,
        // clutter that found no free spot is not in the photo, so neither is its tag
        tags: [...plan.tags.filter((t) => t !== 'clutter' || photo.others.length > 0), ...(photo.occluder ? [photo.occluder] : [])],
        others: photo.others,
      });
    }
    log(`  photos: ${kind} x${options.perKind} done`);
  }
  writeJsonl(join(dir, 'truth.jsonl'), truth);
  writeFileSync(stampFile, JSON.stringify({ stamp }));
  const seconds = (performance.now() - started) / 1000;
  log(`photos: ${truth.length} in ${seconds.toFixed(1)} s (${(truth.length / seconds).toFixed(1)}/s) -> ${dir}`);
  return { dir, photos: truth.length, seconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = new Command()
    .option('--split <split>', 'val | test', 'test')
    .option('--per-kind <n>', 'photos per kind', '200')
    .option('--seed <n>', 'generator seed', '1')
    .option('--out <dir>', 'output folder (default bench/out/photos/<split>)')
    .option('--fresh', 'regenerate even if the folder was generated from the same inputs')
    .parse()
    .opts<{ split: Split; perKind: string; seed: string; out?: string; fresh?: boolean }>();
  await generatePhotos({ split: opts.split, perKind: Number(opts.perKind), seed: Number(opts.seed), outDir: opts.out, fresh: opts.fresh });
}
