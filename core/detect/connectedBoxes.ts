/** Bounding box and pixel count of one connected blob of a binary mask. */
export interface Blob {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  pixels: number;
}

/** 4-connected components of `mask` (non-zero = on), by iterative flood fill. */
export function connectedBlobs(mask: Uint8Array, width: number, height: number): Blob[] {
  const seen = new Uint8Array(mask.length);
  const stack: number[] = [];
  const blobs: Blob[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    const blob: Blob = { x0: width, y0: height, x1: 0, y1: 0, pixels: 0 };
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      blob.pixels++;
      if (x < blob.x0) blob.x0 = x;
      if (x > blob.x1) blob.x1 = x;
      if (y < blob.y0) blob.y0 = y;
      if (y > blob.y1) blob.y1 = y;
      if (x > 0 && mask[p - 1] && !seen[p - 1]) (seen[p - 1] = 1), stack.push(p - 1);
      if (x < width - 1 && mask[p + 1] && !seen[p + 1]) (seen[p + 1] = 1), stack.push(p + 1);
      if (y > 0 && mask[p - width] && !seen[p - width]) (seen[p - width] = 1), stack.push(p - width);
      if (y < height - 1 && mask[p + width] && !seen[p + width]) (seen[p + width] = 1), stack.push(p + width);
    }
    blobs.push(blob);
  }
  return blobs;
}

/** Binary dilation by a (2r+1)^2 square, done as two separable passes. */
export function dilate(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const rows = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    // left-to-right then right-to-left sweep marks pixels within r of an on pixel
    let last = -Infinity;
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x]) last = x;
      if (x - last <= r) rows[y * width + x] = 1;
    }
    last = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (mask[y * width + x]) last = x;
      if (last - x <= r) rows[y * width + x] = 1;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let x = 0; x < width; x++) {
    let last = -Infinity;
    for (let y = 0; y < height; y++) {
      if (rows[y * width + x]) last = y;
      if (y - last <= r) out[y * width + x] = 1;
    }
    last = Infinity;
    for (let y = height - 1; y >= 0; y--) {
      if (rows[y * width + x]) last = y;
      if (last - y <= r) out[y * width + x] = 1;
    }
  }
  return out;
}

/** Binary erosion by a (2r+1)^2 square: the complement's dilation, complemented. */
export function erode(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const grown = dilate(mask.map((v) => (v ? 0 : 1)), width, height, r);
  return grown.map((v) => (v ? 0 : 1));
}
