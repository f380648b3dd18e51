/**
 * A float32 little-endian BLOB as numbers (the first `length` of them, when given). Copied first: SQLite
 * blobs may sit at offsets a Float32Array view cannot start at.
 */
export function floatsOf(blob: Buffer, length?: number): Float32Array {
  return new Float32Array(new Uint8Array(blob).buffer, 0, length);
}
