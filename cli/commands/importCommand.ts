import type { Command } from 'commander';
import { openEngine } from '../../core';
import { progressLine } from '../progressLine';
import { reportProblems } from '../reportProblems';

export function importCommand(program: Command): void {
  program
    .command('import')
    .description('import recorded marks: a folder of images (one mark each) or a recordal manifest (CSV/JSONL)')
    .requiredOption('--db <file>', 'database file (created if missing)')
    .option('--images <dir>', 'folder of mark images; with --manifest, the folder image paths are relative to')
    .option('--manifest <file>', 'recordal manifest, .csv, .jsonl or .ndjson (see README "Manifest columns")')
    .action(async (opts: { db: string; images?: string; manifest?: string }) => {
      if (!opts.images && !opts.manifest) throw new Error('give --images DIR and/or --manifest FILE');
      const engine = await openEngine({ dbPath: opts.db });
      const onProgress = progressLine();
      try {
        const report = opts.manifest
          ? await engine.importManifest(opts.manifest, { imagesDir: opts.images, onProgress })
          : await engine.importImages(opts.images!, { onProgress });
        onProgress.end();
        reportProblems(report.problems);
        const s = engine.stats();
        console.log(
          `imported ${report.marks} marks` +
            (opts.manifest ? ` in ${report.recordals} recordals` : '') +
            `, rejected ${report.problems.length}; database now holds ${s.recordals} recordals, ${s.marks} marks`,
        );
        if (report.problems.length) process.exitCode = 1;
      } finally {
        await engine.close();
      }
    });
}
