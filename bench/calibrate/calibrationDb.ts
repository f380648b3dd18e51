// The calibration database: a copy of the bench DB (gallery imported + embedded), with one active
// recordal per brand (mark name = the brand's title, so word evidence has something to match) and the
// marks' local features. The bench DB itself is left alone: other runs read it concurrently.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openEngine, type Engine } from '../../core/engine';
import { openDatabase } from '../../db';
import type { GalleryMark } from '../gallery/galleryMark';
import { readJsonl } from '../lib/jsonl';
import { benchDbPath, galleryJsonl, outDir } from '../lib/paths';

export const calibrationDbPath = join(outDir, 'calibrate.db');
/** The recordals' goods classes and validity: every bench recordal is in force on CALIBRATION_DATE. */
export const CALIBRATION_CLASSES = [9, 18, 25];
export const CALIBRATION_DATE = '2026-06-01';

export async function openCalibrationEngine(log: (line: string) => void = console.log, rebuild = false): Promise<Engine> {
  if (!existsSync(benchDbPath)) throw new Error(`no bench DB at ${benchDbPath}: run npm run bench:val first`);
  if (rebuild || !existsSync(calibrationDbPath)) {
    for (const f of [calibrationDbPath, `${calibrationDbPath}-wal`, `${calibrationDbPath}-shm`]) rmSync(f, { force: true });
    const src = openDatabase(benchDbPath, { readonly: true });
    await src.backup(calibrationDbPath);
    src.close();
    log(`calibrate: copied ${benchDbPath} -> ${calibrationDbPath}`);
  }
  const engine = await openEngine({ dbPath: calibrationDbPath });
  const db = engine.db;
  const marks = readJsonl<GalleryMark>(galleryJsonl);
  const haveRecordals = db.prepare('SELECT count(*) FROM recordals').pluck().get() as number;
  if (haveRecordals === 0) {
    const holder = db.prepare('INSERT INTO right_holders (name) VALUES (?) ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id');
    const rec = db.prepare(
      `INSERT OR IGNORE INTO recordals (id, holder_id, mark_name, nice_classes, valid_from, valid_to, status, updated_at)
       VALUES (?, ?, ?, ?, '2020-01-01', '2030-12-31', 'active', ?)`,
    );
    const link = db.prepare('UPDATE marks SET recordal_id = ? WHERE id = ?');
    const now = new Date().toISOString();
    db.transaction(() => {
      for (const m of marks) {
        const id = `R-${m.brand}`;
        const { id: holderId } = holder.get(`${m.title} Holder`) as { id: number };
        rec.run(id, holderId, m.title, JSON.stringify(CALIBRATION_CLASSES), now);
        link.run(id, m.id);
      }
    })();
    log(`calibrate: ${db.prepare('SELECT count(*) FROM recordals').pluck().get()} recordals (one per brand)`);
  }
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
