/**
 * The one API the renderer sees. The Electron preload, the web-mode server and the tests all expose
 * exactly these handlers; core/handlers implements them and is checked against this map with
 * `satisfies`. Every call crosses a process boundary, so arguments and values are plain data and
 * errors come back as `Result` data, never as thrown class instances.
 */
import type { DecisionRecord, Decision } from './decisions';
import type { Result } from './errors';
import type { JobProgress, JobRequest } from './jobs';
import type { BoxXYWH, MatchResult, QueryResult } from './query';
import type { RecordalDetails, RecordalStatus } from './recordal';
import type { SyncHandlerSignatures } from './sync';

export { JOB_KINDS, parseJobRequest, type JobKind, type JobProgress, type JobRequest, type JobValue } from './jobs';

export interface DbStats {
  dbPath: string;
  recordals: number;
  marks: number;
  images: number;
  indexed: number;
  model: { id: string; name: string; dim: number } | null;
  /** ISO time of the last applied sync package, null when never synced. */
  lastSync: string | null;
}

/** What the inspector knows about the goods; recorded with the query, used by the infringement flag. */
export interface QueryContext {
  goods?: string;
  niceClass?: number;
  importer?: string;
  exporter?: string;
  port?: string;
  /** ISO date of the inspection, YYYY-MM-DD. */
  date?: string;
}

export interface QueryFilters {
  niceClass?: number;
  status?: RecordalStatus;
  /** Case-insensitive substring of the holder's name. */
  holder?: string;
}

export interface QueryPhotoRequest {
  /** The photo file, base64 (no data: prefix). */
  photoBase64: string;
  fileName?: string;
  top?: number;
  crop?: BoxXYWH;
  context?: QueryContext;
  filters?: QueryFilters;
}

/** One match as the UI shows it: the engine's result plus what the grid and filters need. */
export type MatchView = MatchResult & {
  niceClasses: number[];
  validTo: string | null;
  /** Set when the inspector already decided on this match in this query. */
  decision?: Decision;
  // probability, verified, box, likelyInfringement, reasons, explanation: from MatchResult (issue 5)
};

export interface QueryView extends Omit<QueryResult, 'results'> {
  queryId: number;
  createdAt: string;
  fileName: string | null;
  results: MatchView[];
  context: QueryContext;
  crop: BoxXYWH | null;
}

export interface HistoryItem {
  queryId: number;
  createdAt: string;
  fileName: string | null;
  topMarkName: string | null;
  topScore: number | null;
  decisions: number;
}

export interface Settings {
  language: 'en' | 'zh-CN';
  /** Matches under this score are hidden from the grid. */
  minScore: number;
  /** How many matches a query returns. */
  top: number;
  /** Score at and above which a match is drawn as a strong match. */
  strongScore: number;
}

export const DEFAULT_SETTINGS: Settings = { language: 'en', minScore: 0, top: 12, strongScore: 0.8 };

export interface DecisionRequest {
  queryId: number;
  markId: string;
  decision: Decision;
  note?: string;
}

/**
 * Request -> value for every handler. Handlers receive one argument (or none) and return a Promise.
 * Features that keep their signatures beside their own types are merged in with `extends`.
 */
export interface HandlerSignatures extends SyncHandlerSignatures {
  'db-stats': { args: void; value: DbStats };
  'query-photo': { args: QueryPhotoRequest; value: QueryView };
  'query-get': { args: { queryId: number }; value: QueryView };
  'query-photo-image': { args: { queryId: number }; value: { jpegBase64: string } };
  'recordal-get': { args: { id: string }; value: RecordalDetails };
  'mark-image': { args: { markId: string; size?: number }; value: { pngBase64: string } };
  'decision-record': { args: DecisionRequest; value: DecisionRecord };
  'decisions-list': { args: { queryId: number }; value: DecisionRecord[] };
  'history-list': { args: { limit?: number }; value: HistoryItem[] };
  'settings-get': { args: void; value: Settings };
  'settings-set': { args: Partial<Settings>; value: Settings };
}

export type HandlerName = keyof HandlerSignatures;
export type HandlerArgs<K extends HandlerName> = HandlerSignatures[K]['args'];
export type HandlerValue<K extends HandlerName> = HandlerSignatures[K]['value'];

/** What core/handlers implements: may throw; the transport turns throws into `Result` errors. */
export type Handlers = {
  [K in HandlerName]: (args: HandlerArgs<K>) => Promise<HandlerValue<K>>;
};

/** What the renderer calls (window.marksight or the fetch client): never throws on engine errors. */
export interface MarkSightApi {
  call<K extends HandlerName>(name: K, args: HandlerArgs<K>): Promise<Result<HandlerValue<K>>>;
  /** Starts long work (api/jobs.ts) in the engine host; its progress and answer arrive through onProgress. */
  startJob?(job: JobRequest): Promise<Result<{ jobId: string }>>;
  /** Every job's events (progress, then one `finished`); returns an unsubscribe function. */
  onProgress?(listener: (p: JobProgress) => void): () => void;
  cancel?(jobId: string): Promise<void>;
}

const HANDLER_SET: Record<HandlerName, true> = {
  'db-stats': true,
  'query-photo': true,
  'query-get': true,
  'query-photo-image': true,
  'recordal-get': true,
  'mark-image': true,
  'decision-record': true,
  'decisions-list': true,
  'history-list': true,
  'settings-get': true,
  'settings-set': true,
  'sync-status': true,
};
/** Whether `name` is one of the handlers: the transports accept nothing else. */
export function isHandlerName(name: string): name is HandlerName {
  return Object.hasOwn(HANDLER_SET, name);
}

/** Largest photo accepted over any transport (bytes, before base64). */
export const MAX_PHOTO_BYTES = 32 * 1024 * 1024;
