import { Command, CommanderError } from 'commander';
import { toErrorData } from '../api/errors';
import { importCommand } from './commands/importCommand';
import { indexCommand } from './commands/indexCommand';
import { queryCommand } from './commands/queryCommand';
import { statsCommand } from './commands/statsCommand';
import { syncCommands } from './commands/syncCommands';

const program = new Command('marksight')
  .description('MarkSight: find recorded trademarks in photos of goods, offline')
  .exitOverride();
for (const add of [importCommand, indexCommand, queryCommand, statsCommand, syncCommands]) add(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  // one line, no stack trace: the inspector needs the reason, not our internals
  process.stderr.write(`marksight: ${toErrorData(err).message}\n`);
  process.exit(2);
}
