// Builds the hubness reference of an embedding model: the model's vectors of photo regions (whole photo +
// detected marks and proposed regions, embedded as a query embeds them by `embedPlaces`; not their ground-free
// copies, nor the wider views of the first places: each measured worse on val. With the wider views, 100 val photos per
// kind: easy and hard R@1 the same, redrawn 0.700 -> 0.690, real photos 0.377 -> 0.371) in 200 photos of goods that carry no recorded mark, written to
// models/<name>.reference.f32, and the sidecar's `hubness` entry (model id, count, k, weight).
// The photos are the benchmark generator's negatives (procedural geometric marks and random wordmarks on
// product surfaces) from a seed of their own (1001: the bench's val/test photos use seed 1), so no photo of
// the benchmark is reused and no gallery mark is drawn.
// usage: npx tsx models/scripts/build_hubness_reference.mts [name=mnv2-emb256]   (needs bench/out/gallery: npm run bench:gallery)
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MarkDetector, queryRegions } from '../../core/detect';
import { OnnxEmbedder } from '../../core/embed';
import { decodeImage } from '../../core/image';
import { embedPlaces } from '../../core/match';
import { generatePhotos } from '../../bench/photos/generatePhotos';
import { galleryJsonl } from '../../bench/lib/paths';

const name = process.argv[2] ?? 'mnv2-emb256';
const PHOTOS = 200;
const SEED = 1001;
/** measured on val (embedding only, 100 per kind): k 10 and 25 alike; weight 0.5 best for hard, 0.25 for easy */
const K = 25;
const WEIGHT = 0.5;

const models = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(galleryJsonl)) throw new Error(`${galleryJsonl} is missing: run npm run bench:gallery first`);
const dir = join(models, '.work', 'hubness-photos');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
await generatePhotos({ split: 'val', perKind: PHOTOS, seed: SEED, kinds: ['negative'], outDir: dir, log: () => {} });

const embedder = await OnnxEmbedder.load({ modelsDir: models, modelName: name });
const detector = await MarkDetector.load(models);
const vectors: Float32Array[] = [];
for (let i = 0; i < PHOTOS; i++) {
  const photo = (await decodeImage(join(dir, `negative-${String(i).padStart(4, '0')}.jpg`))).raster;
  const places = await embedPlaces(photo, embedder, await queryRegions(photo, { detector }), { groundFree: false, wider: false });
  vectors.push(...places.vectors);
}
await embedder.close();
await detector?.close();

const dim = embedder.dim;
const flat = new Float32Array(vectors.length * dim);
vectors.forEach((v, i) => flat.set(v, i * dim));
const file = `${name}.reference.f32`;
writeFileSync(join(models, file), Buffer.from(flat.buffer));
const specPath = join(models, `${name}.json`);
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
spec.hubness = { reference: file, modelId: embedder.id, count: vectors.length, k: K, weight: WEIGHT };
// arrays of numbers or strings stay on one line, as in the hand-written sidecars
const text = JSON.stringify(spec, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, inner: string) => `[${inner.split(/,\s+/).join(', ')}]`);
writeFileSync(specPath, text + '\n');
console.log(`hubness reference: ${vectors.length} regions of ${PHOTOS} photos -> models/${file} (${(flat.byteLength / 1024).toFixed(0)} KiB), sidecar updated`);
