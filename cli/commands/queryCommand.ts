import type { Command } from 'commander';
import { toErrorData } from '../../api/errors';
import type { QueryResult } from '../../api/query';
import { openEngine } from '../../core';

function parseBox(v: string): [number, number, number, number] {
  const parts = v.split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || parts[2] <= 0 || parts[3] <= 0) {
    throw new Error(`--crop wants x,y,width,height in pixels, got '${v}'`);
  }
  return parts as [number, number, number, number];
}

function printTable(image: string, r: QueryResult): void {
  console.log(`${image}  (${r.timings.totalMs} ms)`);
  console.log('  rank  score   mark                          recordal        holder');
  for (const m of r.results) {
    console.log(
      `  ${String(m.rank).padStart(4)}  ${m.score.toFixed(3)}  ${m.markId.padEnd(30).slice(0, 30)}  ${(m.recordalId ?? '-').padEnd(14)}  ${m.holder ?? ''}`,
    );
  }
}

export function queryCommand(program: Command): void {
  program
    .command('query')
    .description('rank the recorded marks most like each photo')
    .requiredOption('--db <file>', 'database file')
    .option('--top <n>', 'results per photo', (v) => parseInt(v, 10), 10)
    .option('--crop <x,y,w,h>', 'also search this region of the photo (pixels)', parseBox)
    .option('--json', 'one JSON object per line per photo')
    .option('--no-regions', 'search the whole photo (and --crop) only, without proposed mark regions')
    .argument('<images...>', 'photos to check')
    .action(async (images: string[], opts: { db: string; top: number; json?: boolean; regions: boolean; crop?: [number, number, number, number] }) => {
      const engine = await openEngine({ dbPath: opts.db });
      try {
        for (const image of images) {
          try {
            const r = await engine.query(image, { top: opts.top, crop: opts.crop, regions: opts.regions });
            if (opts.json) {
              console.log(JSON.stringify({ image, ...r }));
            } else printTable(image, r);
          } catch (err) {
            const error = toErrorData(err);
            if (opts.json) console.log(JSON.stringify({ image, error }));
            process.stderr.write(`marksight: ${error.message}\n`);
            process.exitCode = 2;
          }
        }
      } finally {
        await engine.close();
      }
    });
}
