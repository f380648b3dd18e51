import type { StoredLocalFeatures } from '../../db';
import { DESCRIPTOR_BYTES } from '../verify/localFeatures';

/**
 * `localFeatures.bin`: `count` rows, one per image, each
 *
 *   32 bytes            the image's sha256, raw
 *   uint32 LE           width, height: the raster the points are in
 *   uint32 LE           n, the number of keypoints
 *   n × 2 float32 LE    x, y of each keypoint
 *   n × 32 bytes        ORB descriptors
 *
 * Rows vary in size, so (unlike embeddings.bin) the file size alone proves nothing: decoding walks
 * every row, bounds each length before using it, and requires the file to end exactly after the last.
 */
export type LocalFeatureRow = StoredLocalFeatures;

const HEADER_BYTES = 32 + 3 * 4;
const MAX_SIDE = 100_000;
const MAX_KEYPOINTS = 10_000;

export function localFeatureRowBytes(count: number): number {
  return HEADER_BYTES + count * (8 + DESCRIPTOR_BYTES);
}

function sizeProblem(width: number, height: number, count: number): string | null {
  const side = (v: number) => Number.isInteger(v) && v >= 1 && v <= MAX_SIDE;
  if (!side(width) || !side(height)) return `a ${width}x${height} raster, outside 1..${MAX_SIDE}`;
  if (!Number.isInteger(count) || count < 0 || count > MAX_KEYPOINTS) return `${count} keypoints, over the ${MAX_KEYPOINTS} limit`;
  return null;
}

/** Why a row cannot travel in the file (the decoder would refuse it), or null when it can. */
export function localFeatureRowProblem(r: LocalFeatureRow): string | null {
  const size = sizeProblem(r.width, r.height, r.count);
  if (size) return size;
  if (r.points.length !== 2 * r.count || r.descriptors.length !== r.count * DESCRIPTOR_BYTES) {
    return `${r.points.length / 2} points and ${r.descriptors.length} descriptor bytes for ${r.count} keypoints`;
  }
  if (!r.points.every(Number.isFinite)) return 'a point that is not a finite number';
  return null;
}

export function encodeLocalFeatureRow(r: LocalFeatureRow): Buffer {
  const problem = localFeatureRowProblem(r);
  if (problem) throw new Error(`local features of ${r.imageSha256} cannot be packaged: ${problem}`);
  const out = Buffer.alloc(localFeatureRowBytes(r.count));
  out.write(r.imageSha256, 0, 'hex');
  out.writeUInt32LE(r.width, 32);
  out.writeUInt32LE(r.height, 36);
  out.writeUInt32LE(r.count, 40);
  for (let i = 0; i < r.points.length; i++) out.writeFloatLE(r.points[i], HEADER_BYTES + 4 * i);
  out.set(r.descriptors, HEADER_BYTES + 8 * r.count);
  return out;
}

export function encodeLocalFeatures(rows: LocalFeatureRow[]): Buffer {
  return Buffer.concat(rows.map(encodeLocalFeatureRow));
}

/** Rows of a file already checked for size and hash; returns a reason instead of rows when anything is off. */
export function decodeLocalFeatures(bytes: Buffer, count: number): { rows: LocalFeatureRow[] } | { reason: string } {
  const rows: LocalFeatureRow[] = [];
  const seen = new Set<string>();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (bytes.length - at < HEADER_BYTES) return { reason: `ends inside row ${i} of ${count} (truncated)` };
    const imageSha256 = bytes.toString('hex', at, at + 32);
    const width = bytes.readUInt32LE(at + 32);
    const height = bytes.readUInt32LE(at + 36);
    const n = bytes.readUInt32LE(at + 40);
    // bound n before it sizes anything: a hostile count must not allocate or read past the file
    const size = sizeProblem(width, height, n);
    if (size) return { reason: `row ${i} has ${size}` };
    if (bytes.length - at < localFeatureRowBytes(n)) return { reason: `ends inside row ${i} of ${count} (truncated)` };
    if (seen.has(imageSha256)) return { reason: `has two rows for image ${imageSha256.slice(0, 12)}` };
    seen.add(imageSha256);
    const points = new Float32Array(2 * n);
    for (let p = 0; p < points.length; p++) points[p] = bytes.readFloatLE(at + HEADER_BYTES + 4 * p);
    if (!points.every(Number.isFinite)) return { reason: `row ${i} holds a point that is not a finite number` };
    const from = at + HEADER_BYTES + 8 * n;
    // a view, not a copy: the file buffer lives exactly as long as the rows do
    const descriptors = new Uint8Array(bytes.buffer, bytes.byteOffset + from, n * DESCRIPTOR_BYTES);
    rows.push({ imageSha256, width, height, count: n, points, descriptors });
    at += localFeatureRowBytes(n);
  }
  if (at !== bytes.length) return { reason: `has ${bytes.length - at} bytes after its ${count} rows` };
  return { rows };
}
