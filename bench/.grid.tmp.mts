// scratch: grid windows + per-region contrast normalisation (embedding only)
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
  jobs = readJsonl<RealPhotoLabel>(join(realPhotosDir, 'labels.jsonl')).filter((_, i) => i % 2 === 0).map((l) => ({ group: l.tags.includes('small-logo') ? 'real-small' : 'real-other', path: join(realPhotosDir, l.photo), rel: realPhotoRelevance(l, brands) }));
} else {
  const dir = photosDir('val');
  const taken = new Map<string, number>();
  jobs = readJsonl<TruthRow>(join(dir, 'truth.jsonl')).filter((r) => { const n = taken.get(r.kind) ?? 0; taken.set(r.kind, n + 1); return r.markId !== null && n < per; })
    .map((r) => ({ group: r.kind, path: join(dir, r.file), rel: syntheticRelevance(r, brands) }));
}
function grid(w: number, h: number, f: number): Box[] {
  const out: Box[] = [];
  const s = Math.round(f * Math.min(w, h));
  const st = s / 2;
  for (let y = 0; y + s <= h + 1; y += st) for (let x = 0; x + s <= w + 1; x += st) out.push([Math.round(x), Math.round(y), Math.min(s, w - Math.round(x)), Math.min(s, h - Math.round(y))]);
  return out;
}
const stats = new Map<string, Map<string, [number, number, number]>>();
for (const job of jobs) {
  const photo = (await decodeImage(job.path)).raster;
  const base: Box[] = [[0, 0, photo.width, photo.height], ...(await proposeRegions(photo))];
  const g2 = grid(photo.width, photo.height, 0.5);
  const g3 = grid(photo.width, photo.height, 0.33);
  const boxes = [...base, ...g2, ...g3];
  const tag = boxes.map((_, i) => (i < base.length ? 'b' : i < base.length + g2.length ? '2' : '3'));
  const regions = await Promise.all(boxes.map((b, i) => (i === 0 ? photo : cropRaster(photo, b))));
  const vecs = await emb.embedQueries(regions);
  const hitsPer = vecs.map((v) => gallery.vectors.search(v, 100));
  const rank = (use: string, lambda: number) => {
    const best = new Map<string, number>();
    hitsPer.forEach((hits, i) => {
      if (!use.includes(tag[i])) return;
      const ref = hits.slice(0, 10).reduce((s, h) => s + h.score, 0) / 10;
      for (const h of hits) { const sc = h.score - lambda * ref; if ((best.get(h.key) ?? -9) < sc) best.set(h.key, sc); }
    });
    return [...best].sort((a, b) => b[1] - a[1]).map(([sha]) => sha);
  };
  const marks = (shas: string[]) => shas.flatMap((sha) => (gallery.marksByImage.get(sha) ?? []).map((m) => m.markId)).filter((id) => !job.rel.hidden.has(id));
  const baseRank = rank("b", 1);
  const grid2 = rank('2', 1);
  const grid23 = rank('23', 1);
  const merged = (extra: string[], nBase: number, nExtra: number) => { const out = baseRank.slice(0, nBase); for (const s of extra) { if (out.length >= nBase + nExtra) break; if (!out.includes(s)) out.push(s); } return out; };
  const variants: [string, string[]][] = [["base30", baseRank.slice(0, 30)], ["base40", baseRank.slice(0, 40)], ['b30+g2x10', merged(grid2, 30, 10)], ['b30+g23x10', merged(grid23, 30, 10)], ['b25+g2x5', merged(grid2, 25, 5)]];
  for (const [name, list] of variants) {
    const ranked = marks(list);
    const g = stats.get(job.group) ?? new Map(); stats.set(job.group, g);
    const s = g.get(name) ?? [0, 0, 0]; g.set(name, s);
    s[0]++; if (ranked.some((id) => job.rel.relevant.has(id))) s[1]++;
  }
}
for (const [group, g] of stats) console.log(group, [...g].map(([k, [n, a, b]]) => `${k} ${(a / n).toFixed(3)}/${(b / n).toFixed(3)}`).join(' | '));
await engine.close();
