import { describe, expect, it } from 'vitest';
import { decodeLocalFeatures, encodeLocalFeatures, localFeatureRowBytes, localFeatureRowProblem, type LocalFeatureRow } from './localFeaturesFile';

const sha = (c: string) => c.repeat(64);
function row(c: string, count: number): LocalFeatureRow {
  return {
    imageSha256: sha(c),
    width: 320,
    height: 200 + count,
    count,
    points: Float32Array.from({ length: 2 * count }, (_, i) => i * 1.25 - 3.5),
    descriptors: Uint8Array.from({ length: 32 * count }, (_, i) => (i * 7 + count) & 0xff),
  };
}
const rows = [row('a', 3), row('b', 0), row('c', 5)];
const reason = (bytes: Buffer, count: number) => {
  const r = decodeLocalFeatures(bytes, count);
  return 'reason' in r ? r.reason : null;
};

describe('localFeatures.bin', () => {
  it('round-trips rows, including one without keypoints', () => {
    const bytes = encodeLocalFeatures(rows);
    expect(bytes.length).toBe(localFeatureRowBytes(3) + localFeatureRowBytes(0) + localFeatureRowBytes(5));
    const decoded = decodeLocalFeatures(bytes, 3);
    if ('reason' in decoded) throw new Error(decoded.reason);
    expect(decoded.rows).toEqual(rows);
  });

  it('lays a row out as sha, width, height, count (uint32 LE), points (float32 LE), descriptors', () => {
    const b = encodeLocalFeatures([row('d', 1)]);
    expect(b.toString('hex', 0, 32)).toBe(sha('d'));
    expect([b.readUInt32LE(32), b.readUInt32LE(36), b.readUInt32LE(40)]).toEqual([320, 201, 1]);
    expect([b.readFloatLE(44), b.readFloatLE(48)]).toEqual([-3.5, -2.25]);
    expect([...b.subarray(52)]).toEqual([...row('d', 1).descriptors]);
  });

  it('refuses a truncated file, trailing bytes and a row count other than the manifest says', () => {
    const bytes = encodeLocalFeatures(rows);
    expect(reason(bytes.subarray(0, bytes.length - 1), 3)).toMatch(/ends inside row 2 of 3 \(truncated\)/);
    expect(reason(bytes.subarray(0, 20), 3)).toMatch(/ends inside row 0 of 3/);
    expect(reason(Buffer.concat([bytes, Buffer.alloc(4)]), 3)).toBe('has 4 bytes after its 3 rows');
    expect(reason(bytes, 2)).toMatch(/bytes after its 2 rows/);
    expect(reason(bytes, 4)).toMatch(/ends inside row 3 of 4/);
  });

  it('refuses a point that is not a finite number', () => {
    const bytes = encodeLocalFeatures(rows);
    bytes.writeFloatLE(NaN, localFeatureRowBytes(3) + localFeatureRowBytes(0) + 44 + 4 * 7);
    expect(reason(bytes, 3)).toBe('row 2 holds a point that is not a finite number');
    const inf = encodeLocalFeatures([row('e', 2)]);
    inf.writeFloatLE(Infinity, 44);
    expect(reason(inf, 1)).toMatch(/not a finite number/);
  });

  it('refuses a huge keypoint count before sizing anything by it', () => {
    const bytes = encodeLocalFeatures([row('a', 3)]);
    bytes.writeUInt32LE(0xffffffff, 40);
    expect(reason(bytes, 1)).toBe('row 0 has 4294967295 keypoints, over the 10000 limit');
    bytes.writeUInt32LE(10_001, 40);
    expect(reason(bytes, 1)).toMatch(/has 10001 keypoints/);
  });

  it('refuses a raster size outside 1..100000 and an image listed twice', () => {
    const zero = encodeLocalFeatures([row('a', 1)]);
    zero.writeUInt32LE(0, 32);
    expect(reason(zero, 1)).toBe('row 0 has a 0x201 raster, outside 1..100000');
    const wide = encodeLocalFeatures([row('a', 1)]);
    wide.writeUInt32LE(100_001, 36);
    expect(reason(wide, 1)).toMatch(/320x100001 raster/);
    expect(reason(encodeLocalFeatures([row('a', 1), row('a', 2)]), 2)).toMatch(/two rows for image aaaaaaaaaaaa/);
  });

  it('will not encode a row the decoder would refuse', () => {
    expect(() => encodeLocalFeatures([{ ...row('a', 2), count: 3 }])).toThrow(/cannot be packaged: 2 points and 64 descriptor bytes for 3 keypoints/);
    expect(localFeatureRowProblem({ ...row('a', 1), width: 0 })).toMatch(/0x201 raster/);
    expect(localFeatureRowProblem({ ...row('a', 1), points: Float32Array.of(1, NaN) })).toMatch(/not a finite number/);
    expect(localFeatureRowProblem(row('a', 1))).toBeNull();
  });
});
