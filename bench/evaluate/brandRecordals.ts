// Every bench gallery mark belongs to a recordal, as every mark does in a customs database: one active
// recordal per brand whose mark name is the brand's title. Without names the text read in a photo has
// nothing to match, and the bench would measure less than the product does.
import type { Database } from '../../db';
import type { GalleryMark } from '../gallery/galleryMark';

/** The recordals' goods classes and validity: every bench recordal is in force on BENCH_RECORDAL_DATE. */
export const BENCH_RECORDAL_CLASSES = [9, 18, 25];
export const BENCH_RECORDAL_DATE = '2026-06-01';

/** Adds the recordals when the database has none; returns how many it added (0 when it had some). */
export function addBrandRecordals(db: Database, marks: GalleryMark[]): number {
  if ((db.prepare('SELECT count(*) FROM recordals').pluck().get() as number) > 0) return 0;
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
      rec.run(id, holderId, m.title, JSON.stringify(BENCH_RECORDAL_CLASSES), now);
      link.run(id, m.id);
    }
  })();
  return db.prepare('SELECT count(*) FROM recordals').pluck().get() as number;
}
