import type { Handlers } from '../../api/handlers';
import type { ProgressListener } from '../../api/progress';
import type { SyncReport, SyncStatus } from '../../api/sync';
import { HandlerInputError } from '../handlers/HandlerInputError';
import type { HandlerContext } from '../handlers/handlerContext';
import { syncStatus } from './device/trustPublisher';

export type { SyncHandlerSignatures } from '../../api/sync';

/** The sync panel's status handler. The device must already trust a publisher key (`marksight trust`); the UI never pins keys. */
export function syncHandlers({ engine }: HandlerContext) {
  return {
    async 'sync-status'(): Promise<SyncStatus> {
      return syncStatus(engine.db);
    },
  } satisfies Pick<Handlers, 'sync-status'>;
}

/**
 * Applies a package from a folder or URL: only as the engine host's `sync` job (api/jobs.ts), so it has progress and
 * cancel and never runs beside another job. Rejections throw SyncRejectedError, which the host turns into data.
 */
export function runSync({ engine }: HandlerContext, source: unknown, jobs: { onProgress?: ProgressListener; signal?: AbortSignal } = {}): Promise<SyncReport> {
  if (typeof source !== 'string' || !source.trim()) throw new HandlerInputError('sync source (folder or URL) is missing');
  return engine.sync({ from: source.trim(), onProgress: jobs.onProgress, signal: jobs.signal });
}
