// The calibration database: a copy of the bench DB (gallery imported + embedded, one recordal per brand)
// with the marks' local features. The bench DB itself is left alone: other runs read it concurrently.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEngine, type Engine } from '../../core/engine';
import { openDatabase } from '../../db';
import { readStamp } from '../evaluate/benchDb';
import { addBrandRecordals } from '../evaluate/brandRecordals';
import type { GalleryMark } from '../gallery/galleryMark';
import { readJsonl } from '../lib/jsonl';
import { benchDbPath, galleryJsonl, outDir } from '../lib/paths';

export const calibrationDbPath = join(outDir, 'calibrate.db');
const sourcePath = `${calibrationDbPath}.gallery`;

/** The gallery the bench DB was built from: the calibration DB and its evidence are only valid for it. */
export function benchGalleryHash(): string {
  const hash = readStamp(benchDbPath)?.galleryHash;
  if (!hash) throw new Error(`no bench DB at ${benchDbPath}: run npm run bench:val first`);
  return hash;
}

export async function openCalibrationEngine(log: (line: string) => void = console.log, rebuild = false): Promise<Engine> {
  if (!existsSync(benchDbPath)) throw new Error(`no bench DB at ${benchDbPath}: run npm run bench:val first`);
  const gallery = benchGalleryHash();
  const stale = !existsSync(sourcePath) || readFileSync(sourcePath, 'utf8') !== gallery;
  if (rebuild || stale || !existsSync(calibrationDbPath)) {
    for (const f of [calibrationDbPath, `${calibrationDbPath}-wal`, `${calibrationDbPath}-shm`]) rmSync(f, { force: true });
    const src = openDatabase(benchDbPath, { readonly: true });
    await src.backup(calibrationDbPath);
    src.close();
    writeFileSync(sourcePath, gallery);
    log(`calibrate: copied ${benchDbPath} -> ${calibrationDbPath}`);
  }
  const engine = await openEngine({ dbPath: calibrationDbPath });
  // a bench DB built before it had recordals is copied without them: the text evidence needs their names
  const added = addBrandRecordals(engine.db, readJsonl<GalleryMark>(galleryJsonl));
  if (added) log(`calibrate: ${added} recordals (one per brand)`);
  let last = 0;
  await engine.indexMissing({
    onProgress: (p) => {
      if (p.done - last >= 500) {
        last = p.done;
        log(`  index ${p.done}/${p.total}`);
      }
    },
  });
  return engine;
}
