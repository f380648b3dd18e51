import * as ort from 'onnxruntime-node';
import { cropRaster, type Box, type RasterImage } from '../image';
import { resolveModel, type ResolvedModel } from './modelSpec';
import { toInputTensor, toScaledTensor } from './preprocess';
import { l2normalize, meanDirection } from './vectorMath';
import { sessionOptions } from '../onnx/sessionOptions';

export interface EmbedderOptions {
  modelsDir?: string;
  modelName?: string;
  /** Intra-op threads; the engine runs one query at a time, so both cores go to it by default. */
  threads?: number;
  /** Use the model's window head when it has one (default); false cuts out and embeds each window (A/B, tests). */
  windowHead?: boolean;
}

/** The one place that runs the embedding model. Everything else sees `embed*` and a model identity. */
export class OnnxEmbedder {
  private constructor(
    readonly model: ResolvedModel,
    private readonly session: ort.InferenceSession,
    /** the same weights pooled per window over one feature map (sidecar `windowHead`), when the model has one */
    private readonly windowHead: { session: ort.InferenceSession; stride: number } | null,
  ) {}

  static async load(options: EmbedderOptions = {}): Promise<OnnxEmbedder> {
    const model = resolveModel(options.modelsDir, options.modelName);
    const session = await ort.InferenceSession.create(model.path, sessionOptions(options.threads ?? 2));
    // one thread: the head runs straight after the regions' batch (two threads, measured while pool threads still
    // spun after each run: 15.6 -> 26 ms alone, whole query 24-36 ms slower, paired)
    const head = model.windowHead && options.windowHead !== false ? model.windowHead : null;
    const windowHead = head && { session: await ort.InferenceSession.create(head.path, sessionOptions(1)), stride: head.stride };
    return new OnnxEmbedder(model, session, windowHead);
  }

  get id(): string {
    return this.model.id;
  }
  /** The largest query size: query regions are cut to fit inside it (`cutRegions`). */
  get querySide(): number {
    return Math.max(...this.model.spec.input.querySizes);
  }
  get dim(): number {
    return this.model.spec.output.dim;
  }

  /** Embeds images at one input size, in one batch. */
  async embedAtSize(images: RasterImage[], size: number): Promise<Float32Array[]> {
    if (images.length === 0) return [];
    const spec = this.model.spec;
    const one = 3 * size * size;
    const batch = new Float32Array(images.length * one);
    const tensors = await Promise.all(images.map((im) => toInputTensor(im, spec.input, size)));
    tensors.forEach((t, i) => batch.set(t, i * one));
    const feeds = { [spec.input.name]: new ort.Tensor('float32', batch, [images.length, 3, size, size]) };
    const out = (await this.session.run(feeds))[spec.output.name];
    const data = out.data as Float32Array;
    const dim = this.dim;
    return images.map((_, i) => l2normalize(data.slice(i * dim, (i + 1) * dim)));
  }

  /** Gallery marks: one vector each at the model's training size. */
  embedMarks(images: RasterImage[]): Promise<Float32Array[]> {
    return this.embedAtSize(images, this.model.spec.input.size);
  }

  /** Query regions: embedded at every query size, the scales averaged into one direction per region. */
  async embedQueries(images: RasterImage[]): Promise<Float32Array[]> {
    const perSize: Float32Array[][] = [];
    for (const size of this.model.spec.input.querySizes) perSize.push(await this.embedAtSize(images, size));
    return images.map((_, i) => meanDirection(perSize.map((vs) => vs[i])));
  }

  /**
   * Windows over a photo only nominate candidates: embedded at the gallery size. With a window head the
   * photo is scaled so the largest window spans the gallery size and the trunk runs once over all of it;
   * each window is pooled from its cells. Without one, each window is cut out and embedded.
   */
  async embedWindows(photo: RasterImage, windows: Box[]): Promise<Float32Array[]> {
    if (windows.length === 0) return [];
    const size = this.model.spec.input.size;
    if (!this.windowHead) return this.embedAtSize(await Promise.all(windows.map((b) => cropRaster(photo, b))), size);
    const { session, stride } = this.windowHead;
    const scale = size / Math.max(...windows.map((b) => Math.max(b[2], b[3])));
    const width = Math.max(stride, Math.round(photo.width * scale));
    const height = Math.max(stride, Math.round(photo.height * scale));
    const input = await toScaledTensor(photo, this.model.spec.input, width, height);
    // half a cell back: RoiAlign samples a window's cells at their centres (build_window_head.py)
    const rois = new Float32Array(windows.flatMap(([x, y, w, h]) => [x * scale, y * scale, (x + w) * scale, (y + h) * scale].map((v) => v - stride / 2)));
    const out = await session.run({
      [this.model.spec.input.name]: new ort.Tensor('float32', input, [1, 3, height, width]),
      rois: new ort.Tensor('float32', rois, [windows.length, 4]),
      batch_indices: new ort.Tensor('int64', new BigInt64Array(windows.length), [windows.length]),
    });
    const data = out[this.model.spec.output.name].data as Float32Array;
    const dim = this.dim;
    return windows.map((_, i) => l2normalize(data.slice(i * dim, (i + 1) * dim)));
  }

  async close(): Promise<void> {
    await this.session.release();
    await this.windowHead?.session.release();
  }
}
