export { openDatabase, type Database } from './openDatabase';
export { DatabaseTooNewError } from './DatabaseTooNewError';
export { recordalRepository, type RecordalRepository } from './repositories/recordalRepository';
export { imageRepository, type ImageRepository, type StoredImage } from './repositories/imageRepository';
export { markRepository, type MarkRepository, type MarkRow } from './repositories/markRepository';
export { embeddingRepository, type EmbeddingRepository, type ModelIdentity, type StoredVectors } from './repositories/embeddingRepository';
export { queryHistoryRepository, type QueryHistoryRepository, type StoredQuery, type NewQuery } from './repositories/queryHistoryRepository';
export { decisionRepository, type DecisionRepository } from './repositories/decisionRepository';
export { metaRepository, type MetaRepository } from './repositories/metaRepository';
