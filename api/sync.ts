import type { IndexReport } from './catalog';

/** Results of the sync feature as they cross process boundaries (CLI JSON, IPC, HTTP). */

export interface PublishReport {
  /** False when nothing changed since the last package: no package was written. */
  written: boolean;
  sequence: number;
  baseSequence: number | null;
  operations: number;
  images: number;
  embeddings: number;
  /** Images whose precomputed local features (for verification) travel in the package. */
  localFeatures: number;
  outDir: string;
}

export interface SyncOperationCounts {
  upsertRecordal: number;
  deleteRecordal: number;
  addImage: number;
  removeImage: number;
  setAuthorisedParties: number;
}

export interface SyncReport {
  sequence: number;
  baseSequence: number | null;
  /** True when this exact package was applied before (a re-run after an interruption): nothing written. */
  alreadyApplied: boolean;
  operations: SyncOperationCounts;
  /** Image files that came in the package. */
  images: number;
  /** Precomputed vectors stored from the package. */
  embeddings: number;
  /** Precomputed local features stored from the package (0 when it carries another extractor's). */
  localFeatures: number;
  /** Bytes fetched from the source in this run (HTTP: over the network). */
  bytesFetched: number;
  /** Embedding of images that arrived without vectors for this device's model; null when skipped. */
  index: IndexReport | null;
}

export interface SyncStatus {
  trustedKeyId: string | null;
  appliedSequence: number | null;
  appliedAt: string | null;
}

/** The sync feature's handlers, merged into HandlerSignatures (api/handlers.ts). A sync itself runs only as a job (api/jobs.ts). */
export interface SyncHandlerSignatures {
  'sync-status': { args: void; value: SyncStatus };
}
