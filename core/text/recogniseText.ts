import type { RasterImage } from '../image';
import { loadOcrModels, runModel } from './ocrModels';
import { writeTensor, type OrientedRect } from './tensorFromRaster';

export interface RecognisedLine {
  text: string;
  /** Mean probability of the characters kept by the CTC decode (0 when none). */
  confidence: number;
}

const HEIGHT = 48;
const MAX_WIDTH = 640;
const MEAN = [0.5, 0.5, 0.5] as const;
const STD = [0.5, 0.5, 0.5] as const;

/**
 * CRNN recognition of text lines cut (along their own axes) from `lines`, in one batch padded to the
 * widest line, with a greedy CTC decode (argmax per step, collapse repeats, drop blanks).
 */
export async function recogniseText(image: RasterImage, lines: OrientedRect[]): Promise<RecognisedLine[]> {
  if (lines.length === 0) return [];
  const { rec, characters } = await loadOcrModels();
  const widths = lines.map(({ width: w, height: h }) => Math.max(8, Math.min(MAX_WIDTH, Math.ceil((HEIGHT * w) / Math.max(1, h)))));
  const batchW = Math.max(...widths);
  const one = 3 * HEIGHT * batchW;
  const input = new Float32Array(lines.length * one); // zero = mid-grey after normalisation, Paddle's padding
  lines.forEach((r, i) => writeTensor(image, r, widths[i], HEIGHT, input, i * one, batchW, HEIGHT, MEAN, STD));
  const { data, dims } = await runModel(rec, input, [lines.length, 3, HEIGHT, batchW]);
  const [, steps, classes] = dims as [number, number, number];
  return lines.map((_, i) => {
    let text = '';
    let conf = 0;
    let kept = 0;
    let prev = 0;
    // steps past the line's own width see only padding
    const usable = Math.min(steps, Math.ceil((steps * widths[i]) / batchW) + 1);
    for (let t = 0; t < usable; t++) {
      const o = (i * steps + t) * classes;
      let best = 0;
      for (let c = 1; c < classes; c++) if (data[o + c] > data[o + best]) best = c;
      if (best !== 0 && best !== prev) {
        text += characters[best - 1] ?? '';
        conf += data[o + best];
        kept++;
      }
      prev = best;
    }
    return { text: text.trim(), confidence: kept ? conf / kept : 0 };
  });
}
