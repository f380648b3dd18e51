/**
 * The surface of striped (or corrugated) goods without the mark on it. Stripes are constant along one
 * direction, so each line of the photo along that direction, at its median colour, is the bare surface
 * (the median ignores a mark covering less than half of the line). An isotropic blur cannot do this:
 * it averages the stripes, and every stripe then stands out as much as the mark.
 *
 * Returns one plane per colour plane, or null when no direction dominates the photo's gradients
 * (structure-tensor coherence below `minCoherence`).
 */
export function stripeGround(planes: Float32Array[], width: number, height: number, minCoherence: number): Float32Array[] | null {
  const direction = dominantGradient(planes, width, height);
  if (direction.coherence < minCoherence) return null;
  // lines along the stripes are indexed by their offset across them, 1 px apart
  const cos = Math.cos(direction.angle);
  const sin = Math.sin(direction.angle);
  const n = width * height;
  const offset = width + height;
  const lines = 2 * offset + 1;
  const lineOf = new Int32Array(n);
  const starts = new Int32Array(lines + 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const line = Math.round(x * cos + y * sin) + offset;
      lineOf[y * width + x] = line;
      starts[line + 1]++;
    }
  }
  for (let l = 0; l < lines; l++) starts[l + 1] += starts[l];
  // pixels grouped by line (a counting sort)
  const order = new Int32Array(n);
  const next = starts.slice(0, lines);
  for (let i = 0; i < n; i++) order[next[lineOf[i]]++] = i;

  const values = new Float32Array(n);
  return planes.map((plane) => {
    const ground = new Float32Array(n);
    for (let k = 0; k < n; k++) values[k] = plane[order[k]];
    for (let l = 0; l < lines; l++) {
      if (starts[l] === starts[l + 1]) continue;
      const line = values.subarray(starts[l], starts[l + 1]).sort();
      const median = line[line.length >> 1];
      for (let k = starts[l]; k < starts[l + 1]; k++) ground[order[k]] = median;
    }
    return ground;
  });
}

/** The direction across which the photo's brightness changes most, and how strongly it dominates (0..1). */
function dominantGradient(planes: Float32Array[], width: number, height: number): { angle: number; coherence: number } {
  const grey = (i: number) => planes[0][i] + planes[1][i] + planes[2][i];
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const gx = grey(i + 1) - grey(i - 1);
      const gy = grey(i + width) - grey(i - width);
      xx += gx * gx;
      yy += gy * gy;
      xy += gx * gy;
    }
  }
  const coherence = Math.sqrt((xx - yy) ** 2 + 4 * xy * xy) / Math.max(1e-9, xx + yy);
  return { angle: 0.5 * Math.atan2(2 * xy, xx - yy), coherence };
}
