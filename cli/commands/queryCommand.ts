import type { Command } from 'commander';
import { toErrorData } from '../../api/errors';
import type { QueryResult } from '../../api/query';
import { openEngine } from '../../core';
import { calendarDate, niceClass, pixelBox, positiveInt } from '../optionParsers';

function printTable(image: string, r: QueryResult): void {
  console.log(`${image}  (${r.timings.totalMs} ms)`);
  if (r.text?.length) console.log(`  text read: ${r.text.map((t) => `'${t.text}'`).join(', ')}`);
  console.log('  rank  score   mark                          recordal        prob   ver  flag  holder');
  for (const m of r.results) {
    const prob = m.probability === undefined ? '   -  ' : m.probability.toFixed(3).padStart(6);
    const ver = m.verified === undefined ? ' - ' : m.verified ? 'yes' : ' no';
    const flag = m.likelyInfringement ? ' FLAG' : '     ';
    console.log(
      `  ${String(m.rank).padStart(4)}  ${m.score.toFixed(3)}  ${m.markId.padEnd(30).slice(0, 30)}  ${(m.recordalId ?? '-').padEnd(14)}  ${prob}  ${ver} ${flag}  ${m.holder ?? ''}`,
    );
    if (m.likelyInfringement || m.rank === 1) for (const reason of m.reasons ?? []) console.log(`          ${reason.passed ? '+' : '-'} ${reason.text}`);
  }
  for (const w of r.warnings ?? []) process.stderr.write(`  warning: ${w.message}\n`);
}

export function queryCommand(program: Command): void {
  program
    .command('query')
    .description('rank the recorded marks most like each photo')
    .requiredOption('--db <file>', 'database file')
    .option('--top <n>', 'results per photo', positiveInt, 10)
    .option('--crop <x,y,w,h>', 'also search this region of the photo (pixels)', pixelBox)
    .option('--json', 'one JSON object per line per photo')
    .option('--no-regions', 'search the whole photo (and --crop) only, without proposed mark regions or text-line regions')
    .option('--no-windows', 'skip the grid of windows that looks for small marks the proposals missed (faster)')
    .option('--no-verify', 'embedding ranking only: no geometric verification, OCR, probability or flag')
    .option('--importer <name>', 'declared importer: no flag for recordals that authorise it')
    .option('--exporter <name>', 'declared exporter: no flag for recordals that authorise it')
    .option('--nice-class <n>', 'Nice class of the goods (1..45): a flag needs the recordal to cover it', niceClass)
    .option('--date <YYYY-MM-DD>', 'date the recordal must be in force on (default today)', calendarDate)
    .argument('<images...>', 'photos to check')
    .action(async (
      images: string[],
      opts: {
        db: string;
        top: number;
        json?: boolean;
        regions: boolean;
        windows: boolean;
        verify: boolean;
        crop?: [number, number, number, number];
        importer?: string;
        exporter?: string;
        niceClass?: number;
        date?: string;
      },
    ) => {
      const engine = await openEngine({ dbPath: opts.db, mustExist: true });
      try {
        for (const image of images) {
          try {
            const r = await engine.query(image, {
              top: opts.top,
              crop: opts.crop,
              regions: opts.regions,
              windows: opts.windows,
              verify: opts.verify,
              importer: opts.importer,
              exporter: opts.exporter,
              niceClass: opts.niceClass,
              date: opts.date,
            });
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
