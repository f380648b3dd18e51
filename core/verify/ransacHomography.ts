/**
 * RANSAC homography in plain TypeScript. OpenCV's WASM findHomography costs 30-45 ms per call on this
 * machine (its 2,000-iteration default on low-inlier sets); this one stops adaptively and costs well
 * under a millisecond for the ~10-200 matches a mark produces.
 */

export interface RansacOptions {
  /** Inlier threshold in target pixels. */
  threshold: number;
  maxIterations?: number;
  confidence?: number;
  seed?: number;
}

export interface RansacResult {
  /** Row-major 3x3, h[8] = 1. */
  h: number[];
  inlierMask: Uint8Array;
  inliers: number;
}

/**
 * Solves A x = b (8 x 8, row-major in `m`, overwritten, as is `rhs`) by Gaussian elimination with partial
 * pivoting. RANSAC's inner loop calls it hundreds of times per candidate, so it works in place; only the
 * result (with h33 = 1 appended) is allocated.
 */
function solveInPlace(m: Float64Array, rhs: Float64Array): number[] | null {
  for (let col = 0; col < 8; col++) {
    let p = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(m[8 * r + col]) > Math.abs(m[8 * p + col])) p = r;
    if (Math.abs(m[8 * p + col]) < 1e-10) return null;
    if (p !== col) {
      for (let c = 0; c < 8; c++) {
        const t = m[8 * col + c];
        m[8 * col + c] = m[8 * p + c];
        m[8 * p + c] = t;
      }
      const t = rhs[col];
      rhs[col] = rhs[p];
      rhs[p] = t;
    }
    for (let r = col + 1; r < 8; r++) {
      const f = m[8 * r + col] / m[8 * col + col];
      if (f === 0) continue;
      for (let c = col; c < 8; c++) m[8 * r + c] -= f * m[8 * col + c];
      rhs[r] -= f * rhs[col];
    }
  }
  const h = new Array<number>(9).fill(0);
  for (let r = 7; r >= 0; r--) {
    let s = rhs[r];
    for (let c = r + 1; c < 8; c++) s -= m[8 * r + c] * h[c];
    h[r] = s / m[8 * r + r];
  }
  h[8] = 1;
  return h;
}

/** The two equations a point pair gives: x, y in the source, u, v in the target. */
function pairRows(x: number, y: number, u: number, v: number, out: Float64Array, o: number): void {
  out[o] = x;
  out[o + 1] = y;
  out[o + 2] = 1;
  out[o + 3] = out[o + 4] = out[o + 5] = 0;
  out[o + 6] = -u * x;
  out[o + 7] = -u * y;
  out[o + 8] = out[o + 9] = out[o + 10] = 0;
  out[o + 11] = x;
  out[o + 12] = y;
  out[o + 13] = 1;
  out[o + 14] = -v * x;
  out[o + 15] = -v * y;
}

/** The exact homography through four point pairs (h33 = 1), in the scratch `m` / `rhs`. */
function fitFour(src: Float64Array, dst: Float64Array, idx: ArrayLike<number>, m: Float64Array, rhs: Float64Array): number[] | null {
  for (let k = 0; k < 4; k++) {
    const i = idx[k];
    pairRows(src[2 * i], src[2 * i + 1], dst[2 * i], dst[2 * i + 1], m, 16 * k);
    rhs[2 * k] = dst[2 * i];
    rhs[2 * k + 1] = dst[2 * i + 1];
  }
  return solveInPlace(m, rhs);
}

/** Least-squares homography (h33 = 1) from point pairs given by index, in normalised coordinates (exact for four). */
function fit(src: Float64Array, dst: Float64Array, idx: ArrayLike<number>): number[] | null {
  if (idx.length === 4) return fitFour(src, dst, idx, new Float64Array(64), new Float64Array(8));
  const ata = new Float64Array(64);
  const atb = new Float64Array(8);
  const rows = new Float64Array(16);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    pairRows(src[2 * i], src[2 * i + 1], dst[2 * i], dst[2 * i + 1], rows, 0);
    for (let half = 0; half < 2; half++) {
      const rhs = dst[2 * i + half];
      for (let a = 0; a < 8; a++) {
        const ra = rows[8 * half + a];
        atb[a] += ra * rhs;
        for (let b = 0; b < 8; b++) ata[8 * a + b] += ra * rows[8 * half + b];
      }
    }
  }
  return solveInPlace(ata, atb);
}

/** Moves points to zero mean and unit average distance; returns the transform's scale and shift. */
function normalise(pts: number[]): { out: Float64Array; s: number; mx: number; my: number } {
  const n = pts.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += pts[2 * i];
    my += pts[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let d = 0;
  for (let i = 0; i < n; i++) d += Math.hypot(pts[2 * i] - mx, pts[2 * i + 1] - my);
  const s = d > 0 ? (n * Math.SQRT2) / d : 1;
  const out = new Float64Array(pts.length);
  for (let i = 0; i < n; i++) {
    out[2 * i] = (pts[2 * i] - mx) * s;
    out[2 * i + 1] = (pts[2 * i + 1] - my) * s;
  }
  return { out, s, mx, my };
}

function mul3(a: number[], b: number[]): number[] {
  const r = new Array<number>(9).fill(0);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) r[3 * i + j] += a[3 * i + k] * b[3 * k + j];
  return r;
}

function collinear(p: Float64Array, a: number, b: number, c: number): boolean {
  const area = (p[2 * b] - p[2 * a]) * (p[2 * c + 1] - p[2 * a + 1]) - (p[2 * b + 1] - p[2 * a + 1]) * (p[2 * c] - p[2 * a]);
  return Math.abs(area) < 1e-3;
}

function countInliers(h: number[], src: Float64Array, dst: Float64Array, thr2: number, mask: Uint8Array | null): number {
  let n = 0;
  for (let i = 0; i < src.length / 2; i++) {
    const x = src[2 * i];
    const y = src[2 * i + 1];
    const w = h[6] * x + h[7] * y + 1;
    if (w <= 1e-9) {
      if (mask) mask[i] = 0;
      continue;
    }
    const du = (h[0] * x + h[1] * y + h[2]) / w - dst[2 * i];
    const dv = (h[3] * x + h[4] * y + h[5]) / w - dst[2 * i + 1];
    const ok = du * du + dv * dv < thr2;
    if (mask) mask[i] = ok ? 1 : 0;
    if (ok) n++;
  }
  return n;
}

/** Homography from `from` to `to` (flat x,y arrays of equal length), or null when none holds >= 4 points. */
export function ransacHomography(from: number[], to: number[], options: RansacOptions): RansacResult | null {
  const n = from.length / 2;
  if (n < 4) return null;
  const a = normalise(from);
  const b = normalise(to);
  const thr = options.threshold * b.s;
  const thr2 = thr * thr;
  const maxIterations = options.maxIterations ?? 500;
  const confidence = options.confidence ?? 0.995;
  let seed = (options.seed ?? 12345) >>> 0;
  const rand = (k: number): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return Math.floor((seed / 4294967296) * k);
  };

  let best: number[] | null = null;
  let bestCount = 0;
  let needed = maxIterations;
  const sample = [0, 0, 0, 0];
  const scratch = new Float64Array(64);
  const rhs = new Float64Array(8);
  const drawn = (j: number, k: number) => (k > 0 && sample[0] === j) || (k > 1 && sample[1] === j) || (k > 2 && sample[2] === j);
  for (let it = 0; it < needed && it < maxIterations; it++) {
    for (let k = 0; k < 4; k++) {
      let j: number;
      do j = rand(n);
      while (drawn(j, k));
      sample[k] = j;
    }
    const [p, q, r, s] = sample;
    if (collinear(a.out, p, q, r) || collinear(a.out, p, q, s) || collinear(a.out, p, r, s) || collinear(a.out, q, r, s)) continue;
    const hh = fitFour(a.out, b.out, sample, scratch, rhs);
    if (!hh) continue;
    const count = countInliers(hh, a.out, b.out, thr2, null);
    if (count > bestCount) {
      bestCount = count;
      best = hh;
      const w = count / n;
      const denom = Math.log(1 - w ** 4);
      needed = denom < 0 ? Math.min(maxIterations, Math.ceil(Math.log(1 - confidence) / denom)) : maxIterations;
    }
  }
  if (!best || bestCount < 4) return null;

  // refine on the inliers (twice: the refined model may take in a few more)
  const mask = new Uint8Array(n);
  let count = countInliers(best, a.out, b.out, thr2, mask);
  for (let round = 0; round < 2; round++) {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (mask[i]) idx.push(i);
    const h = idx.length >= 4 ? fit(a.out, b.out, idx) : null;
    if (!h) break;
    const trial = new Uint8Array(n);
    const c = countInliers(h, a.out, b.out, thr2, trial);
    if (c < count) break;
    best = h;
    count = c;
    mask.set(trial);
  }

  // undo the normalisation: H = Tb^-1 * Hn * Ta
  const ta = [a.s, 0, -a.s * a.mx, 0, a.s, -a.s * a.my, 0, 0, 1];
  const tbInv = [1 / b.s, 0, b.mx, 0, 1 / b.s, b.my, 0, 0, 1];
  const h = mul3(mul3(tbInv, best), ta);
  const k = h[8];
  return { h: h.map((v) => v / k), inlierMask: mask, inliers: count };
}
