// Logistic regression by Newton's method (IRLS) with a small L2 penalty: few features, a few
// thousand rows, converges in ~10 steps. Features are standardised for the fit and the weights
// mapped back, so the stored coefficients apply to raw features.

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

export interface LogisticModel {
  weights: number[];
  bias: number;
}

export function fitLogistic(x: number[][], y: number[], l2 = 1e-2, iterations = 25): LogisticModel {
  const d = x[0].length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j], 0) / x.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / x.length) || 1);
  const z = x.map((r) => [1, ...r.map((v, j) => (v - mean[j]) / sd[j])]);
  let w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < z.length; i++) {
      const p = 1 / (1 + Math.exp(-z[i].reduce((s, v, j) => s + v * w[j], 0)));
      const g = p - y[i];
      const h = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a <= d; a++) {
        grad[a] += g * z[i][a];
        for (let b = 0; b <= d; b++) hess[a][b] += h * z[i][a] * z[i][b];
      }
    }
    for (let a = 1; a <= d; a++) {
      grad[a] += l2 * z.length * w[a];
      hess[a][a] += l2 * z.length;
    }
    const step = solve(hess, grad);
    w = w.map((v, i) => v - step[i]);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  const weights = w.slice(1).map((v, j) => v / sd[j]);
  const bias = w[0] - weights.reduce((s, v, j) => s + v * mean[j], 0);
  return { weights, bias };
}
