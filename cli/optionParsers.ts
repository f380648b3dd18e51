import { InvalidArgumentError } from 'commander';
import { isCalendarDate, isNiceClass, isPixelBox } from '../api/inputChecks';

// Commander prints these as "option '--top <n>' argument 'x' is invalid. <reason>" and exits 1: the inspector
// learns which option was wrong, instead of a silent default or an empty answer.

export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('Expected a whole number of 1 or more.');
  return n;
}

export function wholeNumber(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError('Expected a whole number of 0 or more.');
  return n;
}

export function niceClass(v: string): number {
  const n = Number(v);
  if (!isNiceClass(n)) throw new InvalidArgumentError('Expected a Nice class 1..45.');
  return n;
}

export function calendarDate(v: string): string {
  if (!isCalendarDate(v)) throw new InvalidArgumentError('Expected a real date as YYYY-MM-DD.');
  return v;
}

export function pixelBox(v: string): [number, number, number, number] {
  const parts = v.split(',').map(Number);
  if (!isPixelBox(parts)) throw new InvalidArgumentError('Expected x,y,width,height in pixels (width and height above 0).');
  return parts;
}
