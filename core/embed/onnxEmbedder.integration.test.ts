import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../image';
import { logoSvg, photoOf } from '../../test/helpers/fixtures';
import { OnnxEmbedder } from './onnxEmbedder';
import { resolveModel } from './modelSpec';
import { windowGrid } from '../detect';
import { tempDir } from '../../test/helpers/tempDir';

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

  it('never fails to load over a bad hubness reference: it reports why the correction is off', () => {
    const dir = tempDir();
    const spec = embedder.model.spec;
    copyFileSync(embedder.model.path, join(dir, spec.file));
    writeFileSync(join(dir, 'active.json'), JSON.stringify({ model: spec.name }));
    const withHubness = (hubness: object) => writeFileSync(join(dir, `${spec.name}.json`), JSON.stringify({ ...spec, hubness: { ...spec.hubness, ...hubness } }));
    withHubness({ modelId: '0'.repeat(64) });
    const other = resolveModel(dir);
    expect(other.hubness).toBeUndefined();
    expect(other.hubnessProblem).toMatch(/built for other weights/);
    withHubness({});
    expect(resolveModel(dir).hubnessProblem).toMatch(/is missing; rebuild it/);
    writeFileSync(join(dir, spec.hubness!.reference), Buffer.alloc(100));
    expect(resolveModel(dir).hubnessProblem).toMatch(/holds 100 bytes/);
    copyFileSync(join(embedder.model.path, '..', spec.hubness!.reference), join(dir, spec.hubness!.reference));
    const restored = resolveModel(dir);
    expect(restored.hubnessProblem).toBeUndefined();
    expect(restored.hubness?.count).toBe(spec.hubness!.count);
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

  describe('window head (the windows pooled from one feature map of the photo)', async () => {
    const cutOut = await OnnxEmbedder.load({ threads: 1, windowHead: false });
    const cos = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i], 0);

    it('is derived from these weights, and a head of other weights is ignored', () => {
      expect(embedder.model.windowHead).toBeDefined();
      expect(embedder.model.spec.windowHead?.modelId).toBe(embedder.id);
      const dir = tempDir();
      const spec = embedder.model.spec;
      copyFileSync(embedder.model.path, join(dir, spec.file));
      copyFileSync(embedder.model.windowHead!.path, join(dir, spec.windowHead!.file));
      writeFileSync(join(dir, 'active.json'), JSON.stringify({ model: spec.name }));
      writeFileSync(join(dir, `${spec.name}.json`), JSON.stringify({ ...spec, windowHead: { ...spec.windowHead, modelId: '0'.repeat(64) } }));
      expect(resolveModel(dir).windowHead).toBeUndefined();
      writeFileSync(join(dir, `${spec.name}.json`), JSON.stringify(spec));
      expect(resolveModel(dir).windowHead?.stride).toBe(16);
    });

    it('pools a window that covers a square photo exactly as the model embeds the photo', async () => {
      const photo = (await decodeImage(await photoOf('nike', { width: 480, height: 480, left: 120, top: 120 }))).raster;
      const [pooled] = await embedder.embedWindows(photo, [[0, 0, 480, 480]]);
      const [whole] = await embedder.embedAtSize([photo], embedder.model.spec.input.size);
      let worst = 0;
      for (let i = 0; i < whole.length; i++) worst = Math.max(worst, Math.abs(pooled[i] - whole[i]));
      expect(worst).toBeLessThan(1e-4);
    });

    it('finds a mark in the window that holds it, as windows cut out one by one do', async () => {
      const photo = (await decodeImage(await photoOf('nike', { left: 380, top: 250, side: 200 }))).raster;
      const windows = windowGrid(photo.width, photo.height);
      const [nike] = await embedder.embedMarks([(await decodeImage(Buffer.from(logoSvg('nike')), 384)).raster]);
      const holdsMark = ([x, y, w, h]: number[]) => x <= 380 && y <= 250 && x + w >= 580 && y + h >= 450;
      for (const e of [embedder, cutOut]) {
        const vectors = await e.embedWindows(photo, windows);
        expect(vectors).toHaveLength(windows.length);
        const best = vectors.reduce((b, v, i) => (cos(v, nike) > cos(vectors[b], nike) ? i : b), 0);
        expect(holdsMark(windows[best])).toBe(true);
      }
    });
  });
});
