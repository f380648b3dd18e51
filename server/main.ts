import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toErrorData } from '../api/errors';
import { createServer } from './createServer';
import { startEngineWorker } from './startEngineWorker';

const ROOT = resolve(import.meta.dirname, '..');
export const DEFAULT_PORT = 4300;

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.MARKSIGHT_DB ?? resolve(ROOT, 'demo/demo.db') },
    port: { type: 'string', default: process.env.MARKSIGHT_PORT ?? String(DEFAULT_PORT) },
    static: { type: 'string', default: resolve(ROOT, 'dist/renderer') },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`marksight web mode: the inspector UI in a browser, on this computer only

  npm run serve -- [--db FILE] [--port N] [--static DIR]

  --db FILE     database (default demo/demo.db; env MARKSIGHT_DB)
  --port N      port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one; env MARKSIGHT_PORT)
  --static DIR  built renderer (default dist/renderer)`);
  process.exit(0);
}

try {
  const dbPath = resolve(values.db!);
  if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath}: build one with \`npm run demo:build\` or pass --db FILE`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${values.port}`);
  const staticDir = resolve(values.static!);
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    console.warn(`marksight: ${staticDir}/index.html is missing; run \`npm run build:renderer\` (the API still works)`);
  }
  const engine = startEngineWorker(dbPath);
  await engine.ready; // the database opens (and migrates) before the port does
  const { url, close } = await createServer({ invoke: (name, args) => engine.call(name, args), jobs: engine, staticDir, port });
  // the e2e test and scripts read this exact line
  console.log(`MarkSight listening on ${url} (database ${dbPath})`);
  const stop = async () => {
    await close();
    engine.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  process.stderr.write(`marksight: ${toErrorData(err).message}\n`);
  process.exit(2);
}
