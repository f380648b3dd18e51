import type { RecordalDetails } from '../../api/recordal';
import { call } from './apiClient';

const markImages = new Map<string, Promise<string>>();
const recordals = new Map<string, Promise<RecordalDetails>>();

/** A sync may change a recordal's parties or status and a mark's image: fetch them again after one. */
export function forgetCatalogueCache(): void {
  markImages.clear();
  recordals.clear();
}

/** A recordal's details; fetched once (until a sync) and shared by every panel showing it. */
export function recordalDetails(id: string): Promise<RecordalDetails> {
  let p = recordals.get(id);
  if (!p) {
    p = call('recordal-get', { id });
    p.catch(() => recordals.delete(id));
    recordals.set(id, p);
  }
  return p;
}

/** A recorded mark's thumbnail as a data: URL; fetched once per mark and size. */
export function markImageUrl(markId: string, size = 256): Promise<string> {
  const key = `${markId}@${size}`;
  let p = markImages.get(key);
  if (!p) {
    p = call('mark-image', { markId, size }).then((v) => `data:image/png;base64,${v.pngBase64}`);
    p.catch(() => markImages.delete(key));
    markImages.set(key, p);
  }
  return p;
}
