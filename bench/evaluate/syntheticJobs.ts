// truth.jsonl of a generated split -> query jobs, one table row per kind.
import { join } from 'node:path';
import { readJsonl } from '../lib/jsonl';
import type { TruthRow } from '../photos/truthRow';
import type { GalleryBrands } from './galleryBrands';
import { syntheticRelevance } from './relevance';
import type { QueryJob } from './runQueries';

export function syntheticJobs(dir: string, brands: GalleryBrands, limitPerKind = Infinity): QueryJob[] {
  const rows = readJsonl<TruthRow>(join(dir, 'truth.jsonl'));
  const taken = new Map<string, number>();
  return rows
    .filter((r) => {
      const n = taken.get(r.kind) ?? 0;
      taken.set(r.kind, n + 1);
      return n < limitPerKind;
    })
    .map((r) => ({ path: join(dir, r.file), file: r.file, group: r.kind, tags: r.tags, surface: r.surface, relevance: syntheticRelevance(r, brands) }));
}
