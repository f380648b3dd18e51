/**
 * Messages between a face (Electron main, the web server) and the engine running in its own
 * process or thread. Structured-clone data only; the same protocol over utilityProcess and worker_threads.
 */
import type { Result } from './errors';
import type { JobRequest } from './jobs';
import type { Progress } from './progress';

export type ToEngineHost =
  | { type: 'call'; id: number; name: string; args: unknown }
  | { type: 'job'; jobId: string; job: JobRequest }
  | { type: 'cancel'; jobId: string };

export type FromEngineHost =
  | { type: 'ready'; dbPath: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'progress'; jobId: string; progress: Progress }
  | { type: 'job-done'; jobId: string; result: Result<unknown> }
  | { type: 'fatal'; message: string };
