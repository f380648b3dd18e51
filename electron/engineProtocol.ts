/** Messages between the main process and the engine's utility process (structured-clone data only). */
import type { Result } from '../api/errors';
import type { Progress } from '../api/progress';

import type { JobKind } from '../api/handlers';

export { JOB_KINDS, type JobKind } from '../api/handlers';

export type ToEngineHost =
  | { type: 'call'; id: number; name: string; args: unknown }
  | { type: 'job'; jobId: string; kind: JobKind }
  | { type: 'cancel'; jobId: string };

export type FromEngineHost =
  | { type: 'ready'; dbPath: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'progress'; jobId: string; progress: Progress }
  | { type: 'job-done'; jobId: string; result: Result<unknown> }
  | { type: 'fatal'; message: string };

/** IPC channel names between the preload and the main process. */
export const IPC = {
  call: 'marksight:call',
  startJob: 'marksight:job',
  cancel: 'marksight:cancel',
  progress: 'marksight:progress',
} as const;
