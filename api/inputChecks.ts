import type { BoxXYWH } from './query';

/** YYYY-MM-DD naming a day that exists (2026-02-31 does not): manifests, the CLI and the query form share it. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Nice classification: classes 1 to 45. */
export function isNiceClass(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 45;
}

/** A box [x, y, width, height] in pixels: four finite numbers, width and height above 0 (a crop the inspector drew). */
export function isPixelBox(v: unknown): v is BoxXYWH {
  return Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number' && Number.isFinite(n)) && v[2] > 0 && v[3] > 0;
}
