export { openDatabase, type Database } from './openDatabase';
export { DatabaseTooNewError } from './DatabaseTooNewError';
export { recordalRepository, type RecordalRepository } from './repositories/recordalRepository';
export { imageRepository, type ImageRepository, type StoredImage } from './repositories/imageRepository';
export { markRepository, type MarkRepository, type MarkRow } from './repositories/markRepository';
export { embeddingRepository, type EmbeddingRepository, type ModelIdentity, type StoredVectors } from './repositories/embeddingRepository';
