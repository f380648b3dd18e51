import { createRequire } from 'node:module';

/**
 * OpenCV (WASM build from @techstark/opencv-js), loaded once per process (~200-300 ms). The package
 * ships no usable types, so callers see it as a loose module; only files in core/verify touch it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Cv = any;

let loading: Promise<{ cv: Cv }> | null = null;

/**
 * The Emscripten module is a thenable whose `then` hands back itself: returning or awaiting it from
 * an async function never settles. So it is only ever passed around inside a box.
 */
function load(): Promise<{ cv: Cv }> {
  const require = createRequire(import.meta.url);
  const cv = require('@techstark/opencv-js') as Cv;
  return new Promise((resolve) => {
    if (cv.Mat) resolve({ cv });
    else cv.onRuntimeInitialized = () => resolve({ cv });
  });
}

/** Resolves to `{ cv }`; never unwrap it inside an async function's return value. */
export function loadOpenCv(): Promise<{ cv: Cv }> {
  loading ??= load();
  return loading;
}
