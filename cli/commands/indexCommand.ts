import type { Command } from 'commander';
import { openEngine } from '../../core';
import { positiveInt } from '../optionParsers';
import { progressLine } from '../progressLine';
import { reportProblems } from '../reportProblems';

export function indexCommand(program: Command): void {
  program
    .command('index')
    .description('embed every mark that has no vector for the current model (resumable)')
    .requiredOption('--db <file>', 'database file')
    .option('--batch <n>', 'images per model run', positiveInt, 16)
    .action(async (opts: { db: string; batch: number }) => {
      const engine = await openEngine({ dbPath: opts.db, mustExist: true });
      const onProgress = progressLine();
      try {
        const r = await engine.indexMissing({ batchSize: opts.batch, onProgress });
        onProgress.end();
        reportProblems(r.failed);
        const model = r.modelId.slice(0, 12);
        if (r.embedded === 0 && !r.features?.extracted && !r.failed.length) {
          console.log(`index up to date: every mark has its vector for model ${model} and its local features`);
        } else {
          const rate = r.seconds > 0 ? (r.embedded / r.seconds).toFixed(1) : '-';
          console.log(`indexed ${r.embedded} images in ${r.seconds.toFixed(1)} s (${rate} images/s), model ${model}`);
          if (r.features) console.log(`local features for verification: ${r.features.extracted} images in ${r.features.seconds.toFixed(1)} s`);
        }
        if (r.failed.length) process.exitCode = 1;
      } finally {
        await engine.close();
      }
    });
}
