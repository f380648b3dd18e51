// Paired query latency of two or more checkouts of the engine: one process per checkout, each photo queried by
// every process in turn (order alternating), so this machine's drift between runs falls on all of them alike.
// Pass the same checkout twice to see the noise. Make the baseline with e.g. `git worktree add /tmp/base HEAD~1`
// (then `ln -s $PWD/node_modules /tmp/base/`; the bench DB and photos are read from this checkout).
import { Command } from 'commander';
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDbPath } from './lib/paths';
import { percentile } from './metrics';

type Timings = Record<string, number>;

if (process.env.PAIRED_CHILD) await serveQueries(process.env.PAIRED_CHILD, process.env.PAIRED_DB!);
else await compare();

/** Child: opens the engine of one checkout, warms it up, answers photo paths with the query's timings. */
async function serveQueries(root: string, dbPath: string): Promise<void> {
  const { openEngine } = (await import(join(root, 'core/engine.ts'))) as typeof import('../core/engine');
  const engine = await openEngine({ dbPath, mustExist: true });
  await engine.warmUp();
  // an empty path ends the child
  process.on('message', async (path: string) => {
    if (path === '') return void (await engine.close(), process.exit(0));
    process.send!((await engine.query(path, { top: 10 })).timings);
  });
  process.send!('ready');
}

async function compare(): Promise<void> {
  const opts = new Command()
    .requiredOption('--photos <dir>', 'folder of .jpg photos (e.g. bench/out/photos/test, ../shared/data/real-photos/images)')
    .option('--kinds <list>', 'only files starting with one of these (comma-separated), e.g. hard,easy')
    .option('--every <n>', 'every n-th photo', '1')
    .option('--db <path>', 'database the checkouts query', benchDbPath)
    .option('--checkout <dir...>', 'engine checkouts, the first is the baseline', [resolve('.')])
    .parse()
    .opts<{ photos: string; kinds?: string; every: string; db: string; checkout: string[] }>();
  const kinds = opts.kinds?.split(',');
  const files = readdirSync(opts.photos)
    .filter((f) => /\.jpe?g$/i.test(f) && (!kinds || kinds.some((k) => f.startsWith(k))))
    .filter((_, i) => i % Number(opts.every) === 0)
    .map((f) => join(opts.photos, f));
  const children = opts.checkout.map((root) =>
    fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, PAIRED_CHILD: resolve(root), PAIRED_DB: resolve(opts.db) },
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }),
  );
  const reply = (c: ChildProcess) => new Promise<Timings | 'ready'>((done) => c.once('message', (m) => done(m as Timings | 'ready')));
  await Promise.all(children.map(reply));
  const timings: Timings[][] = children.map(() => []);
  for (const [i, file] of files.entries()) {
    const order = i % 2 ? [...children.keys()].reverse() : [...children.keys()];
    for (const k of order) {
      const answer = reply(children[k]);
      children[k].send(file);
      timings[k].push((await answer) as Timings);
    }
  }
  for (const c of children) c.send('');

  const p50 = (values: number[]) => percentile(values, 50).toFixed(0);
  console.log(`${files.length} photos from ${opts.photos}, p50 per step (ms):`);
  for (const [k, root] of opts.checkout.entries()) {
    const steps = Object.keys(timings[k][0]).map((step) => `${step.replace(/Ms$/, '')} ${p50(timings[k].map((t) => t[step]))}`);
    console.log(`  [${k}] ${root}: ${steps.join('  ')}`);
  }
  for (let k = 1; k < children.length; k++) {
    const diff = timings[k].map((t, i) => t.totalMs - timings[0][i].totalMs);
    console.log(`  [${k}] - [0], median paired difference of the whole query: ${p50(diff)} ms`);
  }
}
