import type { InferenceSession } from 'onnxruntime-node';

/**
 * Options for every onnxruntime session the engine opens. Spinning is off: by default a pool thread spins
 * on its core for a while after each run, and a query runs one model after another beside the verification
 * thread, so that spin took the core the next step needed (val hard photos, 50 queries, the same run twice:
 * whole-query p50 377 / 369 ms spinning, 328 / 330 ms not; verification and OCR 62-70 -> 44-48 ms).
 */
export function sessionOptions(threads: number): InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}
