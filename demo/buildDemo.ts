// Builds demo/demo.db: every brand logo in simple-icons and @iconify-json/logos as a recorded mark,
// grouped into one fictional recordal per brand, imported through the real manifest importer and
// indexed with the active model. Also writes demo/photos/*.jpg (deterministic).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { collectGallery } from '../bench/gallery/collectGallery';
import { createRng } from '../bench/lib/prng';
import type { ProgressListener } from '../api/progress';
import { openEngine } from '../core';
import { demoPhoto } from './demoPhotos';
import { fictionalRecordal, type DemoRow } from './fictionalRecordals';

const here = dirname(fileURLToPath(import.meta.url));
export const DEMO_DB = join(here, 'demo.db');
export const DEMO_PHOTOS = join(here, 'photos');
const WORK = join(here, '.work');

/** Brands the demo photos show, with the surface colour they are printed on. */
const PHOTO_BRANDS: [string, [number, number, number]][] = [
  ['si-nike', [40, 60, 110]],
  ['si-adidas', [190, 175, 150]],
  ['si-starbucks', [230, 225, 215]],
  ['si-puma', [150, 40, 40]],
];

/** simple-icons carry the brand's own spelling; logos only a slug, which we title-case. */
function brandTitle(group: { source: string; title: string }[]): string {
  const si = group.find((m) => m.source === 'simple-icons');
  if (si) return si.title;
  return group[0].title.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** A progress line per phase at its start, end and every thousand images (batches step by 32 or more). */
function everyThousand(log: (s: string) => void): ProgressListener {
  const last = new Map<string, number>();
  return ({ phase, done, total }) => {
    const before = last.get(phase);
    const due = before === undefined || Math.floor(done / 1000) > Math.floor(before / 1000) || (done === total && before !== total);
    if (!due) return;
    last.set(phase, done);
    log(`  ${phase} ${done}/${total}`);
  };
}

export async function buildDemo(options: { log?: (s: string) => void; dbPath?: string } = {}): Promise<string> {
  const log = options.log ?? console.log;
  const dbPath = options.dbPath ?? DEMO_DB;
  const started = performance.now();
  const marks = collectGallery();
  const byBrand = new Map<string, typeof marks>();
  for (const m of marks) byBrand.set(m.brand, [...(byBrand.get(m.brand) ?? []), m]);

  mkdirSync(DEMO_PHOTOS, { recursive: true });
  const svgOf = new Map(marks.map((m) => [m.id, m.svg]));
  for (const [i, [id, tint]] of PHOTO_BRANDS.entries()) {
    const file = join(DEMO_PHOTOS, `${id.replace(/^(si|lg)-/, '')}-on-goods.jpg`);
    if (!existsSync(file)) writeFileSync(file, await demoPhoto(createRng(100 + i), svgOf.get(id)!, tint));
  }
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, 'marks'), { recursive: true });
  const rng = createRng(2026);
  const rows: DemoRow[] = [];
  for (const [, group] of [...byBrand].sort(([a], [b]) => a.localeCompare(b))) {
    const paths = group.map((m) => `marks/${m.id}.svg`);
    group.forEach((m) => writeFileSync(join(WORK, 'marks', `${m.id}.svg`), m.svg));
    rows.push(fictionalRecordal(rng.fork(rows.length), rows.length + 1, brandTitle(group), group.map((m) => m.id), paths));
  }
  const manifest = join(WORK, 'recordals.csv');
  writeFileSync(manifest, stringify(rows, { header: true }));
  log(`demo: ${rows.length} fictional recordals, ${marks.length} marks`);

  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const engine = await openEngine({ dbPath });
  try {
    const report = await engine.importManifest(manifest, { onProgress: everyThousand(log) });
    if (report.problems.length) log(`  ${report.problems.length} rows rejected, first: ${report.problems[0].reason}`);
    const indexed = await engine.indexMissing({ batchSize: 32, onProgress: everyThousand(log) });
    log(`  embedded ${indexed.embedded} images in ${indexed.seconds.toFixed(0)} s, their local features in ${indexed.features?.seconds.toFixed(0) ?? '-'} s`);
  } finally {
    await engine.close();
  }

  rmSync(WORK, { recursive: true, force: true });
  log(`demo database ready: ${dbPath} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return dbPath;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildDemo();
