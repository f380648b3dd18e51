import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/tempDir';
import { openDatabase } from '../../db';
import { Engine } from '../engine';
import { trustPublisher } from './device/trustPublisher';
import { dumpDatabase } from './testing/dumpDatabase';
import { PublisherFixture } from './testing/publisherFixture';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CLI = join(REPO, 'cli', 'marksight.mjs');
const dir = tempDir('marksight-sync-kill-');
const NEW_MARKS = 200;
const WITHOUT_VECTORS = 12;
let pub: PublisherFixture;

/** What the indexer derives from images after the commit (vectors, local features): resumable caches, not package content. */
const DERIVED_TABLES = ['embeddings', 'models', 'local_features'];

/** Catalogue and sync state; vectors are counted apart because the indexer adds them after the commit. */
function catalogueDump(dbPath: string): { dump: string; vectors: number } {
  const db = openDatabase(dbPath);
  try {
    return {
      dump: dumpDatabase(db, { skipTables: DERIVED_TABLES, skipTimestamps: true }),
      vectors: db.prepare(`SELECT count(*) FROM embeddings WHERE region = 'full'`).pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/** Lines only in one dump or the other, for the failure message. */
function firstDifferences(a: string, b: string): string {
  const la = new Set(a.split('\n'));
  const lb = new Set(b.split('\n'));
  const onlyA = [...la].filter((l) => !lb.has(l)).slice(0, 5);
  const onlyB = [...lb].filter((l) => !la.has(l)).slice(0, 5);
  return `now only:\n  ${onlyA.join('\n  ')}\nafter only:\n  ${onlyB.join('\n  ')}`;
}

interface RunResult {
  code: number | null;
  signal: string | null;
  ms: number;
  /** The end of stderr, for assertion messages. */
  stderr: string;
}

/** Runs `marksight sync` in a child process; kills it with SIGKILL after `killAfterMs` when given. */
function runSync(dbPath: string, from: string, killAfterMs?: number, extra: string[] = []): Promise<RunResult> {
  const started = Date.now();
  const args = [CLI, 'sync', '--db', dbPath, '--from', from, ...extra];
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((done) =>
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      done({ code, signal, ms: Date.now() - started, stderr });
    }),
  );
}

beforeAll(async () => {
  pub = PublisherFixture.create(dir);
  await pub.importRecordals(Array.from({ length: 10 }, (_, i) => ({ id: `K${i}`, icon: 400 + i })));
  pub.putSyntheticVectors();
  await pub.publish(join(dir, 'p1'), { snapshot: true });
  // a delta big enough that the apply transaction takes a while; some images come without vectors,
  // so the run also has an embedding phase after the commit
  const specs = Array.from({ length: NEW_MARKS }, (_, i) => ({ id: `N${i}`, icon: 1000 + i }));
  await pub.importRecordals(specs.slice(0, NEW_MARKS - WITHOUT_VECTORS));
  pub.putSyntheticVectors();
  await pub.importRecordals(specs.slice(NEW_MARKS - WITHOUT_VECTORS));
  await pub.publish(join(dir, 'p2'), { since: 1 });

  const base = Engine.open({ dbPath: join(dir, 'base.db') });
  trustPublisher(base.db, pub.key.publicKeyPem);
  await base.sync({ from: join(dir, 'p1'), embed: false });
  await base.close();
}, 300_000);

afterAll(async () => {
  await pub?.close();
});

describe('sync survives kill -9', () => {
  it('leaves the database before or after the package, never between, and a re-run completes', async () => {
    const before = catalogueDump(join(dir, 'base.db'));
    copyFileSync(join(dir, 'base.db'), join(dir, 'reference.db'));
    // the reference stops at the commit: its duration tells where the kill points should fall
    const reference = await runSync(join(dir, 'reference.db'), join(dir, 'p2'), undefined, ['--no-embed']);
    expect(reference.code, reference.stderr).toBe(0);
    const after = catalogueDump(join(dir, 'reference.db'));
    expect(after.dump).not.toBe(before.dump);
    const allVectors = 10 + NEW_MARKS;
    expect(after.vectors).toBe(allVectors - WITHOUT_VECTORS);

    const work = join(dir, 'work.db');
    copyFileSync(join(dir, 'base.db'), work);
    const outcomes: string[] = [];
    // kill points spread over start-up, staging, decoding and the transaction (a little past the
    // reference, since a loaded machine runs slower), then two in the embedding after the commit
    const KILLS = 7;
    const points = [
      ...Array.from({ length: KILLS }, (_, i) => Math.round((1.3 * reference.ms * (i + Math.random())) / KILLS)),
      ...[1, 2].map(() => Math.round(reference.ms * (1.3 + Math.random()))),
    ];
    for (const ms of points) {
      const run = await runSync(work, join(dir, 'p2'), ms);
      const now = catalogueDump(work);
      const state = now.dump === before.dump ? 'before' : now.dump === after.dump ? 'after' : 'BETWEEN';
      outcomes.push(`${ms} ms: ${run.signal ?? `exit ${run.code}`} -> ${state}, ${now.vectors} vectors`);
      expect(state, `${outcomes.join('\n')}\n${firstDifferences(now.dump, after.dump)}`).not.toBe('BETWEEN');
      // before: none of the package's vectors; after: all of them, plus whatever the indexer finished
      if (state === 'before') expect(now.vectors).toBe(before.vectors);
      else expect(now.vectors).toBeGreaterThanOrEqual(allVectors - WITHOUT_VECTORS);
    }
    console.log(`kill -9 outcomes:\n  ${outcomes.join('\n  ')}`);

    const final = await runSync(work, join(dir, 'p2'));
    expect(final.code, final.stderr).toBe(0);
    const done = catalogueDump(work);
    expect(done.dump).toBe(after.dump);
    expect(done.vectors).toBe(allVectors);
  }, 300_000);
});
