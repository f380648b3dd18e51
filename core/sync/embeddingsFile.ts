/**
 * `embeddings.bin`: `count` rows, each the image's sha256 as 32 raw bytes then `dim` float32
 * little-endian values. Fixed-size rows: the file size alone proves the layout matches the manifest.
 */
export interface EmbeddingRow {
  imageSha256: string;
  /** The gallery view ('full' when absent); the manifest says which rows hold which view. */
  region?: string;
  vector: Float32Array;
}

export function embeddingRowBytes(dim: number): number {
  return 32 + 4 * dim;
}

export function encodeEmbeddings(rows: EmbeddingRow[], dim: number): Buffer {
  const rowBytes = embeddingRowBytes(dim);
  const out = Buffer.alloc(rows.length * rowBytes);
  rows.forEach((r, i) => {
    if (r.vector.length !== dim) throw new Error(`vector for ${r.imageSha256} has ${r.vector.length} dims, not ${dim}`);
    const at = i * rowBytes;
    out.write(r.imageSha256, at, 'hex');
    for (let d = 0; d < dim; d++) out.writeFloatLE(r.vector[d], at + 32 + 4 * d);
  });
  return out;
}

/** Rows of a file already checked for size and hash; returns a reason instead of rows when a value is unusable. */
export function decodeEmbeddings(bytes: Buffer, dim: number, count: number): { rows: EmbeddingRow[] } | { reason: string } {
  const rowBytes = embeddingRowBytes(dim);
  if (bytes.length !== count * rowBytes) return { reason: `is ${bytes.length} bytes, ${count} rows of ${dim} dims need ${count * rowBytes}` };
  const rows: EmbeddingRow[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * rowBytes;
    const vector = new Float32Array(dim);
    for (let d = 0; d < dim; d++) vector[d] = bytes.readFloatLE(at + 32 + 4 * d);
    if (!vector.every(Number.isFinite)) return { reason: `row ${i} holds a value that is not a finite number` };
    rows.push({ imageSha256: bytes.toString('hex', at, at + 32), vector });
  }
  return { rows };
}
