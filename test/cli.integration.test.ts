import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { photoOf, writeLogos } from './helpers/fixtures';
import { tempDir } from './helpers/tempDir';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', 'cli', 'marksight.mjs');

async function marksight(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('marksight CLI', () => {
  const dir = tempDir();
  const db = join(dir, 'cli.db');
  const slugs = ['nike', 'adidas', 'puma', 'apple', 'spotify', 'netflix'];
  const [nikeSvg] = writeLogos(join(dir, 'marks'), slugs);

  it('imports a folder, indexes it, and answers with the JSON contract', async () => {
    const imp = await marksight('import', '--db', db, '--images', join(dir, 'marks'));
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/imported 6 marks/);
    const idx = await marksight('index', '--db', db);
    expect(idx.code).toBe(0);
    expect(idx.stdout).toMatch(/indexed 6 images/);
    expect((await marksight('index', '--db', db)).stdout).toMatch(/index up to date: every mark has its vector for model [0-9a-f]{12}/); // nothing left to do

    const photo = join(dir, 'photo.jpg');
    writeFileSync(photo, await photoOf('puma'));
    const q = await marksight('query', '--db', db, '--json', '--top', '4', photo, nikeSvg);
    expect(q.code).toBe(0);
    const lines = q.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(line.timings).sort()).toEqual(['decodeMs', 'embedMs', 'ocrMs', 'searchMs', 'totalMs', 'verifyMs']);
      expect(line.results).toHaveLength(4);
      line.results.forEach((r: Record<string, unknown>, i: number) => {
        expect(r).toMatchObject({ rank: i + 1, recordalId: null });
        expect(slugs).toContain(r.markId);
        expect(typeof r.score).toBe('number');
      });
      // verified results are ranked by the calibrated probability (issue 5), each with its evidence
      const probs = line.results.map((r: { probability: number }) => r.probability);
      expect(probs).toEqual([...probs].sort((a, b) => b - a));
      line.results.forEach((r: Record<string, unknown>) => {
        expect(r).toHaveProperty('verified');
        expect(r).toHaveProperty('likelyInfringement', false); // no recordals here
        expect(r).toHaveProperty('reasons');
        expect(r).toHaveProperty('explanation');
      });
    }
    expect(lines[0].image).toBe(photo);
    // a recorded mark queried by itself is its own best match, with the highest cosine of all
    // (not 1.0: queries are embedded at the model's query sizes, marks at its gallery size)
    expect(lines[1].results[0]).toMatchObject({ markId: 'nike', rank: 1 });
    expect(lines[1].results[0].score).toBe(Math.max(...lines[1].results.map((r: { score: number }) => r.score)));
  });

  it('prints a readable table without --json', async () => {
    const q = await marksight('query', '--db', db, '--top', '3', join(dir, 'marks', 'apple.svg'));
    expect(q.code).toBe(0);
    expect(q.stdout).toMatch(/rank\s+score\s+mark/);
    expect(q.stdout.split('\n').filter((l) => /^\s+\d+\s+\d\.\d{3}\s/.test(l))).toHaveLength(3);
  });

  it('exits non-zero with a one-line reason and no stack trace for unreadable input', async () => {
    const bad = join(dir, 'bad.jpg');
    writeFileSync(bad, 'definitely not a jpeg');
    const q = await marksight('query', '--db', db, '--json', bad);
    expect(q.code).toBe(2);
    expect(q.stderr.trim().split('\n')).toEqual([`marksight: ${bad}: not a readable image (contains unsupported image format)`]);
    expect(JSON.parse(q.stdout)).toMatchObject({ image: bad, error: { code: 'IMAGE_UNREADABLE' } });

    const missingDb = await marksight('import', '--db', db, '--images', join(dir, 'no-such-folder'));
    expect(missingDb.code).toBe(2);
    expect(missingDb.stderr).not.toMatch(/\n\s+at /);
    expect(missingDb.stderr).toMatch(/not a folder/);
  });

  it('refuses a database path that does not exist, and bad option values, naming what was wrong', async () => {
    const typo = join(dir, 'cli-typo.db');
    const q = await marksight('query', '--db', typo, join(dir, 'marks', 'apple.svg'));
    expect(q.code).toBe(2);
    expect(q.stderr.trim()).toBe(`marksight: no MarkSight database at ${typo} (check the path; \`marksight import\` creates one)`);
    for (const cmd of ['index', 'stats', 'sync-status']) expect((await marksight(cmd, '--db', typo)).code).toBe(2);
    expect(existsSync(typo)).toBe(false);

    // a wrong key file is named, before any database is created
    const notKey = join(dir, 'marks', 'apple.svg');
    const trust = await marksight('trust', '--db', typo, '--pubkey', notKey);
    expect(trust.stderr.trim()).toBe(`marksight: ${notKey}: not a PEM public key`);
    expect((await marksight('trust', '--db', typo, '--pubkey', join(dir, 'nope.pem'))).stderr).toMatch(/nope\.pem: no such file/);
    expect(existsSync(typo)).toBe(false);

    const top = await marksight('query', '--db', db, '--top', 'abc', join(dir, 'marks', 'apple.svg'));
    expect(top.code).toBe(1);
    expect(top.stderr).toMatch(/option '--top <n>' argument 'abc' is invalid\. Expected a whole number of 1 or more\./);
    expect((await marksight('index', '--db', db, '--batch', '0')).stderr).toMatch(/'--batch <n>' argument '0' is invalid/);
    expect((await marksight('query', '--db', db, '--date', '2026-02-31', join(dir, 'marks', 'apple.svg'))).stderr).toMatch(
      /'--date <YYYY-MM-DD>' argument '2026-02-31' is invalid\. Expected a real date/,
    );
  });

  it('reports bad rows of a manifest and exits 1, importing the rest', async () => {
    const manifest = join(dir, 'recordals.csv');
    writeFileSync(
      manifest,
      'recordal_no,holder,mark_name,nice_classes,valid_from,images\nR-1,Nike Inc (test),NIKE,25,2020-01-01,nike.svg\nR-2,X,Y,77,2020-01-01,puma.svg\n',
    );
    const r = await marksight('import', '--db', db, '--manifest', manifest, '--images', join(dir, 'marks'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/recordals\.csv:3: .*unknown Nice class '77'/);
    expect(r.stdout).toMatch(/imported 1 marks in 1 recordals, rejected 1/);
    const q = await marksight('query', '--db', db, '--json', '--top', '1', join(dir, 'marks', 'nike.svg'));
    expect(JSON.parse(q.stdout).results[0]).toMatchObject({ markId: 'nike', recordalId: 'R-1', holder: 'Nike Inc (test)' });
  });
});
