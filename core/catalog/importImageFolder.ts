import { existsSync, statSync } from 'node:fs';
import type { Database } from '../../db';
import type { ImportReport } from '../../api/catalog';
import type { ProgressListener } from '../../api/progress';
import { MarkSightError } from '../../api/errors';
import type { DecodedImage } from '../image';
import { decodeMarkImage } from './decodeMarkImage';
import { catalogWriter, markIdFromPath } from './catalogWriter';
import { listImageFiles } from './listImageFiles';

const BATCH = 64;

/**
 * Every image under `dir` becomes one mark whose id is its file name. Bad images are reported and
 * skipped; good ones are written in batches, each batch one transaction.
 */
export async function importImageFolder(db: Database, dir: string, onProgress?: ProgressListener): Promise<ImportReport> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new MarkSightError('NOT_A_FOLDER', `${dir}: not a folder`);
  }
  const files = listImageFiles(dir);
  const writer = catalogWriter(db);
  const report: ImportReport = { marks: 0, recordals: 0, problems: [] };
  const firstPathOfId = new Map<string, string>();

  let pending: { file: string; id: string; image: DecodedImage }[] = [];
  const flush = () => {
    db.transaction(() => {
      for (const p of pending) writer.putMark(p.image, p.id, null, 'device', p.file);
    })();
    report.marks += pending.length;
    pending = [];
  };

  for (const [i, file] of files.entries()) {
    const id = markIdFromPath(file);
    const earlier = firstPathOfId.get(id);
    const owner = writer.ownerOf(id);
    if (earlier) {
      report.problems.push({ where: file, reason: `duplicate mark id '${id}' (already imported from ${earlier})` });
    } else if (owner) {
      // a loose image must not replace a recordal's mark and detach it from its recordal
      report.problems.push({ where: file, reason: `mark id '${id}' belongs to recordal ${owner}; rename the file to add it as another mark` });
    } else {
      try {
        const image = await decodeMarkImage(file);
        firstPathOfId.set(id, file);
        pending.push({ file, id, image });
      } catch (err) {
        report.problems.push({ where: file, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    if (pending.length >= BATCH) flush();
    onProgress?.({ phase: 'import', done: i + 1, total: files.length });
  }
  flush();
  return report;
}
