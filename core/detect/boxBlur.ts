/** Separable box blur of one float plane (edges clamped): the local background estimate. */
export function boxBlur(src: Float32Array, width: number, height: number, radius: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const pass = (from: Float32Array, to: Float32Array, len: number, lines: number, stride: number, step: number) => {
    for (let l = 0; l < lines; l++) {
      const base = l * stride;
      let sum = 0;
      for (let i = -radius; i <= radius; i++) sum += from[base + Math.min(len - 1, Math.max(0, i)) * step];
      for (let i = 0; i < len; i++) {
        to[base + i * step] = sum / (2 * radius + 1);
        sum += from[base + Math.min(len - 1, i + radius + 1) * step] - from[base + Math.max(0, i - radius) * step];
      }
    }
  };
  pass(src, tmp, width, height, width, 1); // rows
  pass(tmp, out, height, width, 1, width); // columns
  return out;
}
