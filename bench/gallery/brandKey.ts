// Brand keys: both packages name brands differently (simple-icons `nodedotjs` / title "Node.js",
// logos `nodejs-icon`), so we reduce every name to lowercase ASCII letters and digits and drop
// the variant suffixes logos uses for alternative drawings of the same brand.

const VARIANT_SUFFIXES = [
  'icon', 'wordmark', 'logo', 'logomark', 'logotype', 'dark', 'light', 'monochrome', 'mono',
  'alt', 'vertical', 'horizontal', 'symbol', 'emblem',
];

/** lowercase ASCII alphanumerics only: "Coca-Cola" -> "cocacola", "Citroën" -> "citroen" */
export function compactName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '');
}

/** logos icon name -> brand key: "google-icon" -> "google", "google-cloud" -> "googlecloud" */
export function logosBrandKey(name: string): string {
  let parts = name.toLowerCase().split('-');
  // strip repeatedly ("x-icon-dark"), but never strip the name down to nothing
  while (parts.length > 1 && VARIANT_SUFFIXES.includes(parts[parts.length - 1]!)) {
    parts = parts.slice(0, -1);
  }
  return compactName(parts.join(''));
}

export interface SimpleIconNames {
  slug: string;
  title: string;
  /** aliases.aka and aliases.old: other names of the same brand */
  otherNames: readonly string[];
}

/** Keys a simple-icons brand might go by, most specific first. */
export function simpleIconsCandidateKeys(icon: SimpleIconNames): string[] {
  const slugNoUnderscore = icon.slug.replace(/_/g, '');
  const keys = [slugNoUnderscore, compactName(icon.title), ...icon.otherNames.map(compactName)];
  return [...new Set(keys.filter((k) => k !== ''))];
}

/** Pick the simple-icons brand key: the first candidate that logos also knows, else the slug. */
export function simpleIconsBrandKey(icon: SimpleIconNames, logosKeys: ReadonlySet<string>): string {
  const candidates = simpleIconsCandidateKeys(icon);
  return candidates.find((k) => logosKeys.has(k)) ?? candidates[0] ?? icon.slug;
}
