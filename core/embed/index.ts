export { OnnxEmbedder, type EmbedderOptions } from './onnxEmbedder';
export { resolveModel, ModelNotFoundError, DEFAULT_MODELS_DIR, type ModelSpec, type ResolvedModel } from './modelSpec';
export { l2normalize, meanDirection, dot } from './vectorMath';
