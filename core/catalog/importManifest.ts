import { dirname, isAbsolute, join } from 'node:path';
import type { Database } from '../../db';
import type { ImportReport } from '../../api/catalog';
import type { ProgressListener } from '../../api/progress';
import type { DecodedImage } from '../image';
import { decodeMarkImage } from './decodeMarkImage';
import { catalogWriter, markIdsOf } from './catalogWriter';
import { readManifestRows } from './manifest/readManifestRows';
import { toRecordalRecord } from './manifest/recordalRecord';

/**
 * Imports recordals from a CSV/JSONL manifest. Each row is all-or-nothing: if any field or any of
 * its images is bad, the row is reported with its line and skipped, and the rest still imports.
 */
export async function importManifest(
  db: Database,
  file: string,
  options: { imagesDir?: string; onProgress?: ProgressListener } = {},
): Promise<ImportReport> {
  const rows = readManifestRows(file);
  const base = options.imagesDir ?? dirname(file);
  const writer = catalogWriter(db);
  const report: ImportReport = { marks: 0, recordals: 0, problems: [] };
  const seenRecordals = new Map<string, number>();
  const claimedMarks = new Map<string, { recordalId: string; line: number }>();

  // Mark ids come from file names unless mark_ids gives them: nike/logo.png and adidas/logo.png are both 'logo',
  // and writing the second would silently move the first recordal's mark. Such a row is refused instead.
  function markIdClash(ids: string[], recordalId: string): string | null {
    for (const [i, id] of ids.entries()) {
      if (ids.indexOf(id) !== i) return `mark id '${id}' is given to two images of this row; set mark_ids to tell them apart`;
      const claimed = claimedMarks.get(id);
      if (claimed && claimed.recordalId !== recordalId) {
        return `mark id '${id}' already belongs to recordal ${claimed.recordalId} (line ${claimed.line}); set mark_ids to tell them apart`;
      }
      const owner = writer.ownerOf(id);
      if (!claimed && owner && owner !== recordalId) {
        return `mark id '${id}' already belongs to recordal ${owner} in this database; set mark_ids to tell them apart`;
      }
    }
    return null;
  }

  for (const [i, row] of rows.entries()) {
    options.onProgress?.({ phase: 'import', done: i, total: rows.length });
    const where = `${file}:${row.line}`;
    if (!row.values) {
      report.problems.push({ where, reason: row.reason ?? 'unreadable row' });
      continue;
    }
    const checked = toRecordalRecord(row.values);
    if ('reason' in checked) {
      report.problems.push({ where, reason: checked.reason });
      continue;
    }
    const { record } = checked;
    const dup = seenRecordals.get(record.recordal.id);
    if (dup !== undefined) {
      report.problems.push({ where, reason: `recordal ${record.recordal.id} already given on line ${dup}` });
      continue;
    }
    const ids = markIdsOf(record);
    const clash = markIdClash(ids, record.recordal.id);
    if (clash) {
      report.problems.push({ where, reason: clash });
      continue;
    }
    const decoded: DecodedImage[] = [];
    let bad: string | null = null;
    for (const img of record.images) {
      try {
        decoded.push(await decodeMarkImage(isAbsolute(img.path) ? img.path : join(base, img.path)));
      } catch (err) {
        bad = err instanceof Error ? err.message : String(err);
        break;
      }
    }
    if (bad) {
      report.problems.push({ where, reason: bad });
      continue;
    }
    db.transaction(() => writer.putRecordal(record, decoded))();
    seenRecordals.set(record.recordal.id, row.line);
    for (const id of ids) claimedMarks.set(id, { recordalId: record.recordal.id, line: row.line });
    report.recordals++;
    report.marks += decoded.length;
  }
  db.transaction(() => writer.pruneImages())();
  options.onProgress?.({ phase: 'import', done: rows.length, total: rows.length });
  return report;
}
