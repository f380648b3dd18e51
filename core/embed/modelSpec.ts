import { z } from 'zod';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MarkSightError } from '../../api/errors';

export const MARK_VIEWS = ['full', 'grey'] as const;
export type MarkView = (typeof MARK_VIEWS)[number];

/** The sidecar JSON beside every .onnx: how to feed the model and what comes out. */
export const modelSpecSchema = z.object({
  name: z.string(),
  file: z.string(),
  input: z.object({
    name: z.string(),
    layout: z.literal('NCHW'),
    size: z.number().int().positive(),
    querySizes: z.array(z.number().int().positive()).min(1),
    resize: z.enum(['letterbox', 'squash']),
    pad: z.tuple([z.number(), z.number(), z.number()]),
    scale: z.number(),
    mean: z.tuple([z.number(), z.number(), z.number()]),
    std: z.tuple([z.number(), z.number(), z.number()]),
    /**
     * Gallery views per mark image: 'full' as decoded; 'grey' the same transparent mark flattened on
     * mid-grey, closer to how it looks printed on goods. A mark scores by its best view.
     */
    markViews: z.array(z.enum(MARK_VIEWS)).min(1).default(['full']),
  }),
  output: z.object({ name: z.string(), dim: z.number().int().positive(), normalized: z.boolean() }),
  /**
   * Hubness correction: some marks (plain shapes, thin wordmarks) sit close to every photo region. Each
   * mark's hubness is the mean of its `k` best cosines to a reference set of photo regions holding no
   * recorded mark (float32 file beside the model, embedded by this model: `modelId`); the ranking
   * subtracts `weight` x (hubness - the gallery's mean hubness).
   */
  hubness: z
    .object({
      reference: z.string(),
      modelId: z.string(),
      count: z.number().int().positive(),
      k: z.number().int().positive(),
      weight: z.number().min(0),
    })
    .optional(),
  /**
   * The same weights with their pooling done per window over one feature map of the whole photo
   * (`models/scripts/build_window_head.py`): the window grid then costs one trunk pass, not one per window.
   * `stride`: input pixels per feature-map cell; `modelId`: the weights it was derived from.
   */
  windowHead: z.object({ file: z.string(), modelId: z.string(), stride: z.number().int().positive() }).optional(),
});
export type ModelSpec = z.infer<typeof modelSpecSchema>;

export interface ResolvedModel {
  spec: ModelSpec;
  /** sha256 of the .onnx file: every stored vector is tagged with it. */
  id: string;
  path: string;
  /** The hubness reference regions, when the sidecar names them and they were embedded by this model. */
  hubness?: HubnessReference;
  /** Why a reference the sidecar names is not used (other weights, missing or damaged file): queries warn. */
  hubnessProblem?: string;
  /** The window head's file, when the sidecar names one derived from these weights (else windows are cut out and embedded one by one). */
  windowHead?: { path: string; stride: number };
}

export interface HubnessReference {
  vectors: Float32Array;
  count: number;
  k: number;
  weight: number;
}

/**
 * The reference regions a sidecar names. Never fatal: without them the ranking is the uncorrected one,
 * and the problem is reported (the fix is to rebuild them, which needs this model to load).
 */
function loadHubnessReference(modelsDir: string, spec: ModelSpec, id: string): Pick<ResolvedModel, 'hubness' | 'hubnessProblem'> {
  const h = spec.hubness;
  if (!h) return {};
  const rebuild = `rebuild it: npx tsx models/scripts/build_hubness_reference.mts ${spec.name}`;
  if (h.modelId !== id) return { hubnessProblem: `hubness reference ${h.reference} was built for other weights (${h.modelId.slice(0, 12)}); ${rebuild}` };
  const file = join(modelsDir, h.reference);
  if (!existsSync(file)) return { hubnessProblem: `hubness reference ${file} is missing; ${rebuild}` };
  const bytes = readFileSync(file);
  const dim = spec.output.dim;
  if (bytes.length !== h.count * dim * 4) return { hubnessProblem: `hubness reference ${h.reference} holds ${bytes.length} bytes, not ${h.count} x ${dim} float32; ${rebuild}` };
  const vectors = new Float32Array(h.count * dim);
  new Uint8Array(vectors.buffer).set(bytes);
  return { hubness: { vectors, count: h.count, k: h.k, weight: h.weight } };
}

export class ModelNotFoundError extends MarkSightError {
  override name = 'ModelNotFoundError';
  constructor(reason: string) {
    super('MODEL_NOT_FOUND', `embedding model unavailable: ${reason}`);
  }
}

export const DEFAULT_MODELS_DIR = resolve(fileURLToPath(new URL('../../models', import.meta.url)));

/** Finds the model named (or the one `active.json` names) and hashes it. */
export function resolveModel(modelsDir = DEFAULT_MODELS_DIR, name?: string): ResolvedModel {
  const activePath = join(modelsDir, 'active.json');
  if (!name) {
    if (!existsSync(activePath)) throw new ModelNotFoundError(`${activePath} is missing`);
    name = (JSON.parse(readFileSync(activePath, 'utf8')) as { model: string }).model;
  }
  const specPath = join(modelsDir, `${name}.json`);
  if (!existsSync(specPath)) throw new ModelNotFoundError(`${specPath} is missing`);
  const spec = modelSpecSchema.parse(JSON.parse(readFileSync(specPath, 'utf8')));
  const path = join(modelsDir, spec.file);
  if (!existsSync(path)) throw new ModelNotFoundError(`${path} is missing (run npm run build:models)`);
  const id = createHash('sha256').update(readFileSync(path)).digest('hex');
  return { spec, id, path, ...loadHubnessReference(modelsDir, spec, id), ...windowHeadOf(modelsDir, spec, id) };
}

/** A head derived from other weights would give vectors of another space: it is not used (windows are then embedded one by one). */
function windowHeadOf(modelsDir: string, spec: ModelSpec, id: string): Pick<ResolvedModel, 'windowHead'> {
  const head = spec.windowHead;
  if (!head || head.modelId !== id) return {};
  const path = join(modelsDir, head.file);
  return existsSync(path) ? { windowHead: { path, stride: head.stride } } : {};
}
