// simple-icons: one monochrome path per brand on a 24x24 viewBox, plus the brand colour as hex.
// The plain SVG is black; on goods the mark appears in its brand colour, so we fill with `#hex`.
import { createRequire } from 'node:module';
import * as simpleIcons from 'simple-icons';
import type { SimpleIcon } from 'simple-icons';
import type { IconData } from 'simple-icons/sdk';
import type { SimpleIconNames } from './brandKey';

const require = createRequire(import.meta.url);

export interface SimpleIconMark {
  id: string;
  names: SimpleIconNames;
  svg: string;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function coloredSimpleIconSvg(icon: Pick<SimpleIcon, 'title' | 'path' | 'hex'>): string {
  return (
    `<svg role="img" viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeXml(icon.title)}</title><path fill="#${icon.hex}" d="${icon.path}"/></svg>`
  );
}

export function loadSimpleIconMarks(): SimpleIconMark[] {
  // aliases live only in the JSON data, the paths only in the JS exports
  const data = require('simple-icons/icons.json') as IconData[];
  const aliasesBySlug = new Map(data.map((d) => [d.slug, d.aliases]));
  const icons = Object.values(simpleIcons as Record<string, unknown>).filter(
    (v): v is SimpleIcon => typeof v === 'object' && v !== null && 'slug' in v && 'path' in v,
  );
  return icons
    .map((icon) => {
      const aliases = aliasesBySlug.get(icon.slug);
      return {
        id: `si-${icon.slug}`,
        names: {
          slug: icon.slug,
          title: icon.title,
          otherNames: [...(aliases?.aka ?? []), ...(aliases?.old ?? [])],
        },
        svg: coloredSimpleIconSvg(icon),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}
