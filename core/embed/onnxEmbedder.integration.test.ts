import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../image';
import { logoSvg, photoOf } from '../../test/helpers/fixtures';
import { OnnxEmbedder } from './onnxEmbedder';

describe('OnnxEmbedder (real model)', async () => {
  const embedder = await OnnxEmbedder.load({ threads: 1 });

  it('is identified by the sha256 of its .onnx file', () => {
    expect(embedder.id).toBe(createHash('sha256').update(readFileSync(embedder.model.path)).digest('hex'));
    expect(embedder.dim).toBe(embedder.model.spec.output.dim);
  });

  it('carries the hubness reference embedded by these very weights (rebuilt after any retraining)', () => {
    const h = embedder.model.hubness!;
    expect(embedder.model.spec.hubness?.modelId).toBe(embedder.id);
    expect(h.vectors.length).toBe(h.count * embedder.dim);
    for (let i = 0; i < h.count; i += 97) {
      const v = h.vectors.subarray(i * embedder.dim, (i + 1) * embedder.dim);
      expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    }
  });

  it('gives identical, unit-length vectors for the same image every time, batched or not', async () => {
    const a = (await decodeImage(Buffer.from(logoSvg('nike')), 384)).raster;
    const b = (await decodeImage(await photoOf('adidas'))).raster;
    const [one] = await embedder.embedMarks([a]);
    const [again, other] = await embedder.embedMarks([a, b]);
    expect(one.length).toBe(embedder.dim);
    expect(Math.hypot(...one)).toBeCloseTo(1, 4);
    for (let i = 0; i < one.length; i++) expect(again[i]).toBeCloseTo(one[i], 4);
    expect(other).not.toEqual(one);
  });

  it('places a photo of a mark nearer that mark than an unrelated one', async () => {
    const marks = await Promise.all(['nike', 'spotify'].map(async (s) => (await decodeImage(Buffer.from(logoSvg(s)), 384)).raster));
    const [nike, spotify] = await embedder.embedMarks(marks);
    const [q] = await embedder.embedQueries([(await decodeImage(await photoOf('nike', { side: 320, left: 160, top: 80 }))).raster]);
    const cos = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i], 0);
    expect(cos(q, nike)).toBeGreaterThan(cos(q, spotify));
  });
});
