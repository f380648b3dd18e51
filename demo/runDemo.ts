// `npm run demo [-- photo...]`: builds the demo database on first use, then checks the photos
// (by default the bundled demo/photos) through the same CLI an inspector would use.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemo, DEMO_DB, DEMO_PHOTOS } from './buildDemo';

if (!existsSync(DEMO_DB)) {
  console.log('demo database not built yet: building it once (a few minutes on 2 cores)');
  await buildDemo();
}
const cli = fileURLToPath(new URL('../cli/marksight.mjs', import.meta.url));
// a model change leaves the demo database without vectors for the new model: embed what is missing
const indexed = spawnSync(process.execPath, [cli, 'index', '--db', DEMO_DB], { stdio: 'inherit' });
if (indexed.status !== 0) process.exit(indexed.status ?? 1);
const args = process.argv.slice(2);
// photos are the arguments naming files; the rest are query options with their values (`--top 3`)
const isPhoto = (a: string) => !a.startsWith('-') && existsSync(a);
const photos = args.filter(isPhoto);
const flags = args.filter((a) => !isPhoto(a));
const targets = photos.length ? photos : readdirSync(DEMO_PHOTOS).filter((f) => f.endsWith('.jpg')).map((f) => join(DEMO_PHOTOS, f));
const r = spawnSync(process.execPath, [cli, 'query', '--db', DEMO_DB, '--top', '5', ...flags, ...targets], { stdio: 'inherit' });
process.exit(r.status ?? 1);
