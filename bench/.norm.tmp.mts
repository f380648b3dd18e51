// scratch: per-region score normalisation (subtract lambda * mean of the region's top-k cosines) before max over regions
import { join } from 'node:path';
import { openBenchEngine } from './evaluate/benchDb';
import { loadGalleryBrands } from './evaluate/galleryBrands';
import { realPhotoRelevance, syntheticRelevance, type RealPhotoLabel } from './evaluate/relevance';
import { readJsonl } from './lib/jsonl';
import { benchDbPath, photosDir, realPhotosDir } from './lib/paths';
import type { TruthRow } from './photos/truthRow';
import { GalleryIndex } from '../core/search';
import { decodeImage, cropRaster, type Box } from '../core/image';
import { proposeRegions } from '../core/detect';

const per = Number(process.argv[2] ?? 60);
const real = process.argv[3] === 'real';
const brands = loadGalleryBrands();
const { engine } = await openBenchEngine(benchDbPath, () => {});
const emb = await engine.model();
const gallery = GalleryIndex.load(engine.db, emb.id, emb.dim, emb.model.spec.input.markViews);
let jobs: { group: string; path: string; rel: { relevant: Set<string>; hidden: Set<string> } }[];
if (real) {
  jobs = readJsonl<RealPhotoLabel>(join(realPhotosDir, 'labels.jsonl')).map((l) => ({ group: l.tags.includes('small-logo') ? 'real-small' : 'real-other', path: join(realPhotosDir, l.photo), rel: realPhotoRelevance(l, brands) }));
} else {
  const dir = photosDir('val');
  const taken = new Map<string, number>();
  jobs = readJsonl<TruthRow>(join(dir, 'truth.jsonl')).filter((r) => { const n = taken.get(r.kind) ?? 0; taken.set(r.kind, n + 1); return r.markId !== null && n < per; })
    .map((r) => ({ group: r.kind, path: join(dir, r.file), rel: syntheticRelevance(r, brands) }));
}
const configs: [string, number, number][] = [['base', 0, 10], ['l0.5k10', 0.5, 10], ['l1k10', 1, 10], ['l1k30', 1, 30], ['l1k100', 1, 100], ['l0.5k100', 0.5, 100]];
const stats = new Map<string, Map<string, [number, number, number]>>();
for (const job of jobs) {
  const photo = (await decodeImage(job.path)).raster;
  const boxes: Box[] = [[0, 0, photo.width, photo.height], ...(await proposeRegions(photo))];
  const regions = await Promise.all(boxes.map((b, i) => (i === 0 ? photo : cropRaster(photo, b))));
  const vecs = await emb.embedQueries(regions);
  const hitsPer = vecs.map((v) => gallery.vectors.search(v, 100));
  for (const [name, lambda, k] of configs) {
    const best = new Map<string, number>();
    for (const hits of hitsPer) {
      const ref = hits.slice(0, k).reduce((s, h) => s + h.score, 0) / Math.min(k, hits.length);
      for (const h of hits) { const sc = h.score - lambda * ref; if ((best.get(h.key) ?? -9) < sc) best.set(h.key, sc); }
    }
    const ranked = [...best].sort((a, b) => b[1] - a[1]).flatMap(([sha]) => (gallery.marksByImage.get(sha) ?? []).map((m) => m.markId)).filter((id) => !job.rel.hidden.has(id));
    const g = stats.get(job.group) ?? new Map(); stats.set(job.group, g);
    const s = g.get(name) ?? [0, 0, 0]; g.set(name, s);
    s[0]++; if (job.rel.relevant.has(ranked[0])) s[1]++; if (ranked.slice(0, 10).some((id) => job.rel.relevant.has(id))) s[2]++;
  }
}
for (const [group, g] of stats) console.log(group, [...g].map(([k, [n, a, b]]) => `${k} ${(a / n).toFixed(3)}/${(b / n).toFixed(3)}`).join(' | '));
await engine.close();
