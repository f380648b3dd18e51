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
});
export type ModelSpec = z.infer<typeof modelSpecSchema>;

export interface ResolvedModel {
  spec: ModelSpec;
  /** sha256 of the .onnx file: every stored vector is tagged with it. */
  id: string;
  path: string;
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
  return { spec, id, path };
}
