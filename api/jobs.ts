/**
 * Long work the engine host runs as a cancellable job with progress: the same jobs in the desktop
 * app (utility process) and in web mode (worker thread). A job is a request with arguments, like a
 * handler call, but its answer arrives as the last progress event instead of a reply.
 */
import type { IndexReport } from './catalog';
import type { ErrorData } from './errors';
import type { Progress } from './progress';
import type { SyncReport } from './sync';

/** Arguments -> value for every job kind. */
export interface JobSignatures {
  /** Embed the images that have no vector for the current model, then their local features. */
  'index-missing': { args: object; value: IndexReport };
  /** Verify and apply one signed update package from a folder or an http(s) URL. */
  sync: { args: { source: string }; value: SyncReport };
}

export type JobKind = keyof JobSignatures;
export type JobValue<K extends JobKind> = JobSignatures[K]['value'];
/** What a face asks the engine host to run: `{ kind: 'index-missing' }`, `{ kind: 'sync', source }`. */
export type JobRequest = { [K in JobKind]: { kind: K } & JobSignatures[K]['args'] }[JobKind];

const JOB_KIND_SET: Record<JobKind, true> = { 'index-missing': true, sync: true };
export const JOB_KINDS = Object.keys(JOB_KIND_SET) as JobKind[];

/**
 * The one check of a job request that crossed a boundary (IPC, HTTP): a known kind with the right
 * arguments, and nothing else carried along. Returns null for anything else.
 */
export function parseJobRequest(value: unknown): JobRequest | null {
  if (typeof value !== 'object' || value === null) return null;
  const { kind, source } = value as { kind?: unknown; source?: unknown };
  if (kind === 'index-missing') return { kind };
  if (kind === 'sync' && typeof source === 'string' && source.trim() && source.length <= 4096) return { kind, source: source.trim() };
  return null;
}

/**
 * One event of a job. `finished` is set on its last event, with `value` (the job's answer, see
 * JobSignatures) or `error`. A subscriber that joins late is sent the latest event of recent jobs.
 */
export type JobProgress = Progress & { jobId: string; kind?: JobKind; finished?: boolean; error?: ErrorData; value?: unknown };
