// Does the embedding's training pool hold benchmark brands under another name? prep_icons.mjs drops icons named
// like a gallery mark, but only after stripping a fixed list of suffixes, so `codicon:github-inverted`,
// `octicon:mark-github-24` or `la:wordpress-simple` got through. This lists every benchmark brand (4 characters or
// more: shorter ones such as hp or x would match every name with that syllable) that is a hyphen-aligned part of a
// training icon's name (most are ordinary words: apple, spring, square), and compares R@1 on photos of those brands
// with the rest, from the last `npm run bench` / `bench:val` results. If training on them had helped, those photos
// would score higher.
// usage: npx tsx bench/trainingOverlap.ts [--split test|val]   (needs models/.work/pool, built by models/scripts/train.sh)
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGalleryBrands } from './evaluate/galleryBrands';
import { repoDir, resultsPath } from './lib/paths';

interface ResultRecord {
  group: string;
  relevant: string[];
  ranked: string[];
}

const SHORTEST_BRAND = 4;
const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Every run of whole hyphen-separated parts of each training icon's name, normalised: 'mark-github-24' gives
 *  mark, markgithub, markgithub24, github, github24, 24. */
function trainingNameParts(poolIndexPath: string): Map<string, Set<string>> {
  const parts = new Map<string, Set<string>>();
  for (const { id } of JSON.parse(readFileSync(poolIndexPath, 'utf8')) as { id: string }[]) {
    const words = id.slice(id.indexOf(':') + 1).split('-');
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j <= words.length; j++) {
        const key = normalise(words.slice(i, j).join(''));
        parts.set(key, (parts.get(key) ?? new Set()).add(id));
      }
    }
  }
  return parts;
}

const program = new Command().option('--split <split>', 'which results file', 'test').parse();
const { split } = program.opts<{ split: string }>();
const parts = trainingNameParts(join(repoDir, 'models/.work/pool/train.json'));
const brands = loadGalleryBrands();
const results = JSON.parse(readFileSync(resultsPath(split), 'utf8')) as {
  records: { synthetic: ResultRecord[]; real: ResultRecord[] | null };
};

const tally = new Map<string, { photos: number; first: number }>();
const overlapping = new Map<string, { icons: string[]; photos: number; first: number }>();
for (const r of [...results.records.synthetic, ...(results.records.real ?? [])]) {
  const brand = r.relevant.length ? brands.mark(r.relevant[0])?.brand : undefined;
  if (!brand) continue;
  const icons = brand.length >= SHORTEST_BRAND ? parts.get(brand) : undefined;
  const first = r.relevant.includes(r.ranked[0]) ? 1 : 0;
  if (icons) {
    const o = overlapping.get(brand) ?? { icons: [...icons].slice(0, 3), photos: 0, first: 0 };
    o.photos++;
    o.first += first;
    overlapping.set(brand, o);
  }
  const key = `${r.group}\t${icons ? 'name in training pool' : 'not'}`;
  const t = tally.get(key) ?? { photos: 0, first: 0 };
  t.photos++;
  t.first += first;
  tally.set(key, t);
}

console.log(`${overlapping.size} benchmark brands (${split}) named in a training icon's name (photos first / photos):`);
for (const [brand, o] of [...overlapping].sort()) console.log(`  ${brand} ${o.first}/${o.photos}: ${o.icons.join(', ')}`);
console.log('\ngroup\tbrand\tphotos\tR@1');
for (const [key, t] of [...tally].sort()) console.log(`${key}\t${t.photos}\t${(t.first / t.photos).toFixed(3)}`);
