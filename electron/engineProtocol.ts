/** The engine host protocol lives in api/engineProtocol.ts; this file adds the preload <-> main IPC channels. */
export type { FromEngineHost, ToEngineHost } from '../api/engineProtocol';
export { JOB_KINDS, parseJobRequest, type JobKind, type JobRequest } from '../api/jobs';

/** IPC channel names between the preload and the main process. */
export const IPC = {
  call: 'marksight:call',
  startJob: 'marksight:job',
  cancel: 'marksight:cancel',
  progress: 'marksight:progress',
} as const;
