// Does the embedding's training pool hold benchmark brands under another name? prep_icons.mjs drops icons named
// like a gallery mark, but only after stripping a fixed list of suffixes, so `codicon:github-inverted` or
// `la:wordpress-simple` got through. This lists every benchmark brand whose name starts a training icon's name (at a
// hyphen; most are ordinary words: apple, spring, square) and compares R@1 on photos of those brands with the rest, from
// the last `npm run bench` / `bench:val` results. If training on them had helped, those photos would score higher.
// usage: npx tsx bench/trainingOverlap.ts [--split test|val]   (needs models/.work/pool, built by models/scripts/train.sh)
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoDir, resultsPath } from './lib/paths';

interface ResultRecord {
  group: string;
  relevant: string[];
  ranked: string[];
}

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Every hyphen-aligned start of a training icon's name, normalised: 'github-inverted' gives github, githubinverted. */
function trainingNameStarts(poolIndexPath: string): Map<string, string[]> {
  const starts = new Map<string, string[]>();
  for (const { id } of JSON.parse(readFileSync(poolIndexPath, 'utf8')) as { id: string }[]) {
    const parts = id.slice(id.indexOf(':') + 1).split('-');
    for (let k = 1; k <= parts.length; k++) {
      const key = normalise(parts.slice(0, k).join(''));
      starts.set(key, [...(starts.get(key) ?? []), id]);
    }
  }
  return starts;
}

const program = new Command().option('--split <split>', 'which results file', 'test').parse();
const { split } = program.opts<{ split: string }>();
const starts = trainingNameStarts(join(repoDir, 'models/.work/pool/train.json'));
const results = JSON.parse(readFileSync(resultsPath(split), 'utf8')) as {
  records: { synthetic: ResultRecord[]; real: ResultRecord[] };
};

const tally = new Map<string, { photos: number; first: number }>();
const overlapping = new Map<string, string[]>();
for (const r of [...results.records.synthetic, ...results.records.real]) {
  if (r.relevant.length === 0) continue;
  const brand = normalise(r.relevant[0].replace(/^(si|lg)-/, ''));
  const icons = brand.length >= 4 ? starts.get(brand) : undefined;
  if (icons) overlapping.set(r.relevant[0], icons.slice(0, 3));
  const key = `${r.group}\t${icons ? 'name in training pool' : 'not'}`;
  const t = tally.get(key) ?? { photos: 0, first: 0 };
  t.photos++;
  if (r.relevant.includes(r.ranked[0])) t.first++;
  tally.set(key, t);
}

console.log(`${overlapping.size} benchmark brands (${split}) whose name starts a training icon's name:`);
for (const [brand, icons] of [...overlapping].sort()) console.log(`  ${brand}: ${icons.join(', ')}`);
console.log('\ngroup\tbrand\tphotos\tR@1');
for (const [key, t] of [...tally].sort()) console.log(`${key}\t${t.photos}\t${(t.first / t.photos).toFixed(3)}`);
