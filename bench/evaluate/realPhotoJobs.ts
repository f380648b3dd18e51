// The shared real photographs (read in place, never copied): whole photo as the query, no box.
// Small logos (< 1% of the photo) are reported apart; they are a different problem.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonl } from '../lib/jsonl';
import type { GalleryBrands } from './galleryBrands';
import { realPhotoRelevance, type RealPhotoLabel } from './relevance';
import type { QueryJob } from './runQueries';

export function realPhotoJobs(dir: string, brands: GalleryBrands, limit = Infinity): QueryJob[] | null {
  const labels = join(dir, 'labels.jsonl');
  if (!existsSync(labels)) return null;
  return readJsonl<RealPhotoLabel>(labels)
    .slice(0, limit)
    .map((l) => ({
      path: join(dir, l.photo),
      file: l.photo,
      group: l.tags.includes('small-logo') ? 'real small-logo' : 'real other',
      tags: l.tags,
      relevance: realPhotoRelevance(l, brands),
    }));
}
