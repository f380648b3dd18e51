import * as ort from 'onnxruntime-node';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MODELS_DIR } from '../embed/modelSpec';
import { letterboxPlacement, toInputTensor } from '../embed/preprocess';
import type { Box, RasterImage } from '../image';
import { sessionOptions } from '../onnx/sessionOptions';

/** Centres less likely than this are not marks. */
const MIN_SCORE = 0.2;
/** Marks returned at most: a query searches them all (100 hard val photos: one of 4 holds the mark in 90 %, of 2 in 74 %). */
const MAX_MARKS = 4;

/** The detector's sidecar (models/mark-det.json, written by models/scripts/export_detector.py). */
const detectorSpecSchema = z.object({
  file: z.string(),
  input: z.object({ name: z.string(), size: z.number().int().positive(), pad: z.tuple([z.number(), z.number(), z.number()]), scale: z.number() }),
  output: z.object({ name: z.string(), stride: z.number().int().positive() }),
});
type DetectorSpec = z.infer<typeof detectorSpecSchema>;

export interface DetectedMark {
  /** the mark's ink, in raster pixels (no margin) */
  box: Box;
  /** the centre's probability */
  score: number;
}

/**
 * The trained mark detector (`models/mark-det.onnx`, model card beside it): a centre heat map over the photo
 * letterboxed to 256 px, each centre with its box size. The only place that runs it.
 */
export class MarkDetector {
  private constructor(
    private readonly spec: DetectorSpec,
    private readonly session: ort.InferenceSession,
  ) {}

  static async load(modelsDir = DEFAULT_MODELS_DIR, name = 'mark-det'): Promise<MarkDetector | null> {
    const specPath = join(modelsDir, `${name}.json`);
    if (!existsSync(specPath)) return null;
    const spec = detectorSpecSchema.parse(JSON.parse(readFileSync(specPath, 'utf8')));
    // one thread: it runs while the verification thread extracts the photo's features on the other core
    const session = await ort.InferenceSession.create(join(modelsDir, spec.file), sessionOptions(1));
    return new MarkDetector(spec, session);
  }

  /** Marks whose centre probability reaches MIN_SCORE (local maxima of the heat map), best first, MAX_MARKS at most. */
  async detect(photo: RasterImage): Promise<DetectedMark[]> {
    const { input, output } = this.spec;
    const size = input.size;
    const x = await toInputTensor(photo, { resize: 'letterbox', pad: input.pad, scale: input.scale, mean: [0, 0, 0], std: [1, 1, 1] }, size);
    const out = (await this.session.run({ [input.name]: new ort.Tensor('float32', x, [1, 3, size, size]) }))[output.name];
    const [, , rows, cols] = out.dims;
    const maps = out.data as Float32Array;
    const cells = rows * cols;
    // back out of the letterbox (train_detector.py places the photo as sharp does)
    const { scale: s, left: ox, top: oy } = letterboxPlacement(photo.width, photo.height, size);
    const found: DetectedMark[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const p = maps[r * cols + c];
        if (p < MIN_SCORE || !isPeak(maps, rows, cols, r, c)) continue;
        const at = (k: number) => maps[k * cells + r * cols + c];
        const cx = (c + at(1)) * output.stride;
        const cy = (r + at(2)) * output.stride;
        const [w, h] = [at(3), at(4)];
        found.push({ box: [(cx - w / 2 - ox) / s, (cy - h / 2 - oy) / s, w / s, h / s], score: p });
      }
    }
    return found.sort((a, b) => b.score - a.score).slice(0, MAX_MARKS);
  }

  close(): Promise<void> {
    return this.session.release();
  }
}

/** A 3x3 local maximum of the centre map (CenterNet's max-pool suppression). */
function isPeak(maps: Float32Array, rows: number, cols: number, r: number, c: number): boolean {
  const p = maps[r * cols + c];
  for (let dr = -1; dr <= 1; dr++) {
    for (let dc = -1; dc <= 1; dc++) {
      const rr = r + dr;
      const cc = c + dc;
      if ((dr || dc) && rr >= 0 && rr < rows && cc >= 0 && cc < cols && maps[rr * cols + cc] > p) return false;
    }
  }
  return true;
}
