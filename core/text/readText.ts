import type { RasterImage } from '../image';
import { detectText, DEFAULT_DETECT, type DetectOptions, type TextBox } from './detectText';
import { recogniseText } from './recogniseText';
import type { Rect } from './tensorFromRaster';

export interface TextLine {
  text: string;
  confidence: number;
  /** In the raster's pixels. */
  rect: Rect;
}

export interface TextReading {
  lines: TextLine[];
  detectMs: number;
  recogniseMs: number;
}

/** Lines with less confidence than this are dropped as noise. */
export const MIN_LINE_CONFIDENCE = 0.5;
/** At most this many lines are recognised (largest boxes first): a cluttered photo costs no more. */
const MAX_LINES = 12;

/** Text detection on a query photo: at this size marks' words stay readable, and it costs ~60 ms CPU against ~100 at 480 (bench photos). */
export const PHOTO_DETECT: DetectOptions = { ...DEFAULT_DETECT, maxSide: 384 };

/** Detects and reads the text in a photo (or a region of it); `detected`: lines already detected in it. */
export async function readText(image: RasterImage, options: DetectOptions = DEFAULT_DETECT, detected?: TextBox[]): Promise<TextReading> {
  const t0 = performance.now();
  const boxes = (detected ?? (await detectText(image, options)))
    .slice()
    .sort((a, b) => b.rect[2] * b.rect[3] - a.rect[2] * a.rect[3])
    .slice(0, MAX_LINES);
  const t1 = performance.now();
  const read = await recogniseText(image, boxes.map((b) => b.line));
  const lines = read
    .map((r, i) => ({ ...r, rect: boxes[i].rect }))
    .filter((l) => l.text.length > 0 && l.confidence >= MIN_LINE_CONFIDENCE);
  return { lines, detectMs: t1 - t0, recogniseMs: performance.now() - t1 };
}
