import type { Command } from 'commander';
import { openEngine } from '../../core';

export function statsCommand(program: Command): void {
  program
    .command('stats')
    .description('what the database holds and which model indexed it')
    .requiredOption('--db <file>', 'database file')
    .action(async (opts: { db: string }) => {
      const engine = await openEngine({ dbPath: opts.db, mustExist: true });
      try {
        await engine.model();
        console.log(JSON.stringify(engine.stats(), null, 2));
      } finally {
        await engine.close();
      }
    });
}
