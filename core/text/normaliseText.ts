const HAN = /\p{Script=Han}/u;

/** Lower case, diacritics folded (é -> e, ß -> ss), full-width folded, everything but letters and digits dropped. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}
