import { pinyin } from 'pinyin-pro';
import { editDistance, similarity, substitutionCost, substringDistance } from './editDistance';
import { foldText, hasHan, isHan } from './normaliseText';

export type TextMatchKind = 'latin' | 'characters' | 'pinyin' | 'contained' | 'none';

export interface TextMatch {
  /** 0..1: 1 is the same text, look-alikes ("Adidas"/"Adibas", "耐克"/"耐客") score high. */
  score: number;
  /** Which comparison gave the score. */
  kind: TextMatchKind;
}

/** Syllables (toneless pinyin) for Han characters, single letters/digits for the rest. */
function units(text: string): string[] {
  const out: string[] = [];
  const syllables = pinyin(text, { toneType: 'none', type: 'array' }) as string[];
  let i = 0;
  for (const ch of text) {
    if (isHan(ch)) out.push(syllables[i] ?? ch);
    else out.push(ch);
    i++;
  }
  return out;
}

function syllableCost(a: string, b: string): number {
  if (a === b) return 0;
  return 1 - similarity(a, b) * 0.5; // "ke" vs "ge" is closer than "ke" vs "shuang", never free
}

/** Romanised form: Han characters become their pinyin, joined ("耐克" -> "naike"). */
export function romanise(text: string): string {
  return units(foldText(text)).join('');
}

/** A name found inside a Latin word of the line, not as whole words: below NAME_MATCH_MIN (0.95 x 0.8 = 0.76). */
const IN_WORD_DISCOUNT = 0.8;

/** The words of a line (runs of letters and digits), each folded. */
function foldedWords(text: string): string[] {
  return text.split(/[^\p{L}\p{N}\p{M}]+/u).map(foldText).filter(Boolean);
}

/** Best similarity of the name to a run of whole words of the line (up to one word more than the name has). */
function wholeWordSimilarity(read: string, markName: string): number {
  const words = foldedWords(read);
  const nameWords = foldedWords(markName);
  const name = foldText(markName); // not nameWords joined: NFKD turns a separator such as "™" into letters
  let best = 0;
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j <= Math.min(words.length, i + nameWords.length + 1); j++) best = Math.max(best, similarity(words.slice(i, j).join(''), name));
  }
  return best;
}

/**
 * How much the text read in a photo looks like a mark's name. Latin: weighted edit distance (case and
 * diacritics folded, look-alike letters half price). Chinese: characters, and pinyin syllables so
 * homophone swaps ("耐克" -> "耐客") still score high. Mixed scripts compare romanised forms. A name
 * of 4+ characters found as whole words of a longer line scores as found (slightly discounted); inside a Latin
 * word, much less.
 */
export function textSimilarity(read: string, markName: string): TextMatch {
  const a = foldText(read);
  const b = foldText(markName);
  if (!a || !b) return { score: 0, kind: 'none' };
  const candidates: TextMatch[] = [{ score: similarity(a, b), kind: hasHan(a) || hasHan(b) ? 'characters' : 'latin' }];
  if (hasHan(a) || hasHan(b)) {
    const ua = units(a);
    const ub = units(b);
    const d = editDistance(ua, ub, syllableCost);
    candidates.push({ score: 0.95 * (1 - d / Math.max(ua.length, ub.length)), kind: 'pinyin' });
    candidates.push({ score: 0.9 * similarity(ua.join(''), ub.join('')), kind: 'pinyin' });
  }
  const name = hasHan(b) && !hasHan(a) ? units(b).join('') : b;
  const hay = hasHan(a) && !hasHan(b) ? units(a).join('') : a;
  if ([...b].length >= (hasHan(b) ? 2 : 4) && hay.length > name.length) {
    const d = substringDistance([...name], [...hay], substitutionCost);
    // Latin words have edges: "Expo" inside "EXPOSED" or "Eight" inside "Freight" is weak evidence, the name
    // as whole words of the line ("FAKE ADIDAS JACKETS") strong. Han text has no spaces to tell them apart.
    const inWord = hasHan(a) ? 1 : IN_WORD_DISCOUNT;
    candidates.push({ score: 0.95 * inWord * (1 - d / [...name].length), kind: 'contained' });
    if (!hasHan(a)) candidates.push({ score: 0.95 * wholeWordSimilarity(read, markName), kind: 'contained' });
    if (hasHan(a) && hasHan(b)) {
      // a homophone of the name inside a longer line ("正品耐客运动鞋" holds "耐克" by sound)
      const ub = units(b);
      const ds = substringDistance(ub, units(a), syllableCost);
      candidates.push({ score: 0.9 * (1 - ds / ub.length), kind: 'pinyin' });
    }
  }
  // a fragment of the name read on its own ("incepton" of "Inception Labs"): discounted by how little it covers
  const readLen = [...hay].length;
  if (readLen >= 4 && [...name].length > readLen) {
    const d = substringDistance([...hay], [...name], substitutionCost);
    const coverage = readLen / [...name].length;
    candidates.push({ score: 0.85 * (1 - d / readLen) * Math.min(1, 0.5 + coverage), kind: 'contained' });
  }
  return candidates.reduce((best, c) => (c.score > best.score ? c : best));
}

/** Best match of any read line (and of all lines joined) against the name. */
export function bestLineMatch(lines: readonly string[], markName: string): TextMatch & { line: string | null } {
  let best: TextMatch & { line: string | null } = { score: 0, kind: 'none', line: null };
  const all = lines.length > 1 ? [...lines, lines.join(' ')] : lines;
  for (const line of all) {
    const m = textSimilarity(line, markName);
    if (m.score > best.score) best = { ...m, line };
  }
  return best;
}
