import type { Handlers } from '../../api/handlers';
import type { ProgressListener } from '../../api/progress';
import type { SyncReport, SyncRunRequest, SyncStatus } from '../../api/sync';
import { HandlerInputError } from '../handlers/HandlerInputError';
import type { HandlerContext } from '../handlers/handlerContext';
import { syncStatus } from './device/trustPublisher';

export type { SyncHandlerSignatures } from '../../api/sync';

/**
 * The sync panel's handlers. The device must already trust a publisher key (`marksight trust`);
 * the UI never pins keys. Rejections throw SyncRejectedError, which the transport turns into data.
 * As a plain call `sync-run` has no progress; the engine host runs it as the `sync` job with both.
 */
export function syncHandlers({ engine }: HandlerContext, jobs: { onProgress?: ProgressListener; signal?: AbortSignal } = {}) {
  return {
    async 'sync-run'({ source }: SyncRunRequest): Promise<SyncReport> {
      if (typeof source !== 'string' || !source.trim()) throw new HandlerInputError('sync source (folder or URL) is missing');
      return engine.sync({ from: source.trim(), onProgress: jobs.onProgress, signal: jobs.signal });
    },
    async 'sync-status'(): Promise<SyncStatus> {
      return syncStatus(engine.db);
    },
  } satisfies Pick<Handlers, 'sync-run' | 'sync-status'>;
}
