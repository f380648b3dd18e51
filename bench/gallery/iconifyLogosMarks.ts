// @iconify-json/logos: full-colour logos stored as an SVG body plus a box (default 256x256).
// Aliases are skipped: they point at an icon that is already in the list.
import { icons } from '@iconify-json/logos';

export interface LogosMark {
  id: string;
  name: string;
  svg: string;
}

export function logosSvg(
  body: string,
  box: { left?: number; top?: number; width?: number; height?: number },
  defaults: { width: number; height: number },
): string {
  const width = box.width ?? defaults.width;
  const height = box.height ?? defaults.height;
  const viewBox = `${box.left ?? 0} ${box.top ?? 0} ${width} ${height}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `width="${width}" height="${height}" viewBox="${viewBox}">${body}</svg>`
  );
}

export function loadLogosMarks(): LogosMark[] {
  const defaults = { width: icons.width ?? 16, height: icons.height ?? 16 };
  return Object.entries(icons.icons)
    .map(([name, icon]) => ({ id: `lg-${name}`, name, svg: logosSvg(icon.body, icon, defaults) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
