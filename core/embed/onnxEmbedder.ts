import * as ort from 'onnxruntime-node';
import type { RasterImage } from '../image';
import { resolveModel, type ResolvedModel } from './modelSpec';
import { toInputTensor } from './preprocess';
import { l2normalize, meanDirection } from './vectorMath';

export interface EmbedderOptions {
  modelsDir?: string;
  modelName?: string;
  /** Intra-op threads; the engine runs one query at a time, so both cores go to it by default. */
  threads?: number;
}

/** The one place that runs the embedding model. Everything else sees `embed*` and a model identity. */
export class OnnxEmbedder {
  private constructor(
    readonly model: ResolvedModel,
    private readonly session: ort.InferenceSession,
  ) {}

  static async load(options: EmbedderOptions = {}): Promise<OnnxEmbedder> {
    const model = resolveModel(options.modelsDir, options.modelName);
    const session = await ort.InferenceSession.create(model.path, {
      intraOpNumThreads: options.threads ?? 2,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    return new OnnxEmbedder(model, session);
  }

  get id(): string {
    return this.model.id;
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

  /** Windows over a photo only nominate candidates: one pass at the gallery size, about half a region's cost. */
  embedWindows(images: RasterImage[]): Promise<Float32Array[]> {
    return this.embedAtSize(images, this.model.spec.input.size);
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
