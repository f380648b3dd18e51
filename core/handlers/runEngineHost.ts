import { MarkSightError, toErrorData } from '../../api/errors';
import type { FromEngineHost, ToEngineHost } from '../../api/engineProtocol';
import { parseJobRequest, type JobRequest } from '../../api/jobs';
import type { ProgressListener } from '../../api/progress';
import { openEngine } from '../engine';
import { runSync } from '../sync/handlers';
import { createHandlers } from './createHandlers';
import type { HandlerContext } from './handlerContext';
import { HandlerInputError } from './HandlerInputError';
import { invokeHandler } from './invokeHandler';

/** The two directions of whatever carries messages to the host (utility process port, worker port). */
export interface HostPort {
  onMessage(listener: (message: ToEngineHost) => void): void;
  post(message: FromEngineHost): void;
}

/** Runs one job to its answer; progress and cancel go through the same handlers a call would use. */
async function runJob(ctx: HandlerContext, job: JobRequest, onProgress: ProgressListener, signal: AbortSignal): Promise<unknown> {
  switch (job.kind) {
    case 'index-missing':
      return ctx.engine.indexMissing({ signal, onProgress });
    case 'sync':
      return runSync(ctx, job.source, { onProgress, signal });
  }
}

/**
 * The engine's side of the process boundary: opens the database, answers handler calls by id, and
 * runs long jobs (with their arguments) with progress and cancel. Posts `ready` once it can answer,
 * or `fatal` if it cannot, then warms the engine up in the background.
 */
export async function runEngineHost(port: HostPort, dbPath: string | undefined): Promise<void> {
  try {
    if (!dbPath) throw new Error('the engine host needs a database path');
    const engine = await openEngine({ dbPath });
    const ctx = { engine, dbPath };
    const handlers = createHandlers(ctx);
    const jobs = new Map<string, AbortController>();
    // one long job at a time: two index runs (or an index run and a sync) would write the same rows and stage the
    // same files; the second is refused with a reason the app can show
    let running: { jobId: string; kind: string } | null = null;
    port.onMessage((msg) => {
      if (msg.type === 'call') {
        void invokeHandler(handlers, msg.name, msg.args).then((result) => port.post({ type: 'result', id: msg.id, result }));
      } else if (msg.type === 'job') {
        const { jobId } = msg;
        const abort = new AbortController();
        jobs.set(jobId, abort);
        const job = parseJobRequest(msg.job);
        let run: Promise<unknown>;
        if (!job) run = Promise.reject(new HandlerInputError(`not a job request: ${JSON.stringify(msg.job)?.slice(0, 200)}`));
        else if (running) run = Promise.reject(new MarkSightError('JOB_RUNNING', `another job (${running.kind}) is still running: wait for it or cancel it`));
        else {
          running = { jobId, kind: job.kind };
          run = runJob(ctx, job, (progress) => port.post({ type: 'progress', jobId, progress }), abort.signal);
        }
        run
          .then(
            (value) => port.post({ type: 'job-done', jobId, result: { ok: true, value } }),
            (err: unknown) => port.post({ type: 'job-done', jobId, result: { ok: false, error: toErrorData(err) } }),
          )
          .finally(() => {
            jobs.delete(jobId);
            if (running?.jobId === jobId) running = null;
          });
      } else if (msg.type === 'cancel') {
        jobs.get(msg.jobId)?.abort();
      }
    });
    port.post({ type: 'ready', dbPath });
    // load models and gallery now, not on the inspector's first photo; a failure resurfaces on that query
    engine.warmUp().catch(() => undefined);
  } catch (err) {
    port.post({ type: 'fatal', message: toErrorData(err).message });
  }
}
