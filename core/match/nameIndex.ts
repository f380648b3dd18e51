import type { GalleryIndex } from '../search';
import { foldText, textSimilarity } from '../text';

/** A name read in the photo must match a mark's name at least this well to bring the mark in. */
export const NAME_MATCH_MIN = 0.8;

function grams(s: string): string[] {
  const out = new Set<string>();
  const chars = [...s];
  for (const ch of chars) if (/\p{Script=Han}/u.test(ch)) out.add(ch);
  if (chars.length < 3) out.add(s);
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return [...out];
}

export interface NameHit {
  sha: string;
  score: number;
  line: string;
}

/**
 * Marks found by the text read in the photo rather than by the picture: a character-trigram index
 * over the marks' names (Han characters one by one), scored with textSimilarity. Wordmarks that the
 * embedding confuses with other wordmarks come back this way ("combined image + word search").
 */
export class NameIndex {
  private readonly names: { sha: string; name: string }[] = [];
  private readonly postings = new Map<string, number[]>();

  constructor(gallery: Pick<GalleryIndex, 'marksByImage'>) {
    for (const [sha, marks] of gallery.marksByImage) {
      for (const name of new Set(marks.map((m) => m.markName).filter((n): n is string => !!n))) {
        const folded = foldText(name);
        if (folded.length < 2) continue;
        const i = this.names.push({ sha, name }) - 1;
        for (const g of grams(folded)) {
          const list = this.postings.get(g) ?? [];
          list.push(i);
          this.postings.set(g, list);
        }
      }
    }
  }

  /** Images whose mark names match a read line (best first), at most `limit`. */
  search(lines: readonly string[], limit = 5, shortlistPerLine = 40): NameHit[] {
    const best = new Map<string, NameHit>();
    for (const line of lines) {
      const folded = foldText(line);
      if ([...folded].length < 3) continue;
      const shared = new Map<number, number>();
      for (const g of grams(folded)) for (const i of this.postings.get(g) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
      const top = [...shared.entries()].sort((a, b) => b[1] - a[1]).slice(0, shortlistPerLine);
      for (const [i] of top) {
        const { sha, name } = this.names[i];
        const score = textSimilarity(line, name).score;
        if (score >= NAME_MATCH_MIN && score > (best.get(sha)?.score ?? 0)) best.set(sha, { sha, score, line });
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }
}

const cache = new WeakMap<GalleryIndex, NameIndex>();

/** One name index per loaded gallery (rebuilt when the engine reloads the gallery). */
export function nameIndexOf(gallery: GalleryIndex): NameIndex {
  let index = cache.get(gallery);
  if (!index) {
    index = new NameIndex(gallery);
    cache.set(gallery, index);
  }
  return index;
}
