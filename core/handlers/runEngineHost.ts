import { toErrorData } from '../../api/errors';
import type { FromEngineHost, ToEngineHost } from '../../api/engineProtocol';
import type { JobKind } from '../../api/handlers';
import { openEngine, type Engine } from '../engine';
import { createHandlers } from './createHandlers';
import { invokeHandler } from './invokeHandler';

/** The two directions of whatever carries messages to the host (utility process port, worker port). */
export interface HostPort {
  onMessage(listener: (message: ToEngineHost) => void): void;
  post(message: FromEngineHost): void;
}

async function runJob(engine: Engine, kind: JobKind, post: (p: FromEngineHost) => void, jobId: string, signal: AbortSignal): Promise<unknown> {
  switch (kind) {
    case 'index-missing':
      return engine.indexMissing({ signal, onProgress: (progress) => post({ type: 'progress', jobId, progress }) });
  }
}

/**
 * The engine's side of the process boundary: opens the database, answers handler calls by id, and
 * runs long jobs with progress and cancel. Posts `ready` once it can answer, or `fatal` if it cannot.
 */
export async function runEngineHost(port: HostPort, dbPath: string | undefined): Promise<void> {
  try {
    if (!dbPath) throw new Error('the engine host needs a database path');
    const engine = await openEngine({ dbPath });
    const handlers = createHandlers({ engine, dbPath });
    const jobs = new Map<string, AbortController>();
    port.onMessage((msg) => {
      if (msg.type === 'call') {
        void invokeHandler(handlers, msg.name, msg.args).then((result) => port.post({ type: 'result', id: msg.id, result }));
      } else if (msg.type === 'job') {
        const abort = new AbortController();
        jobs.set(msg.jobId, abort);
        runJob(engine, msg.kind, (m) => port.post(m), msg.jobId, abort.signal)
          .then(
            (value) => port.post({ type: 'job-done', jobId: msg.jobId, result: { ok: true, value } }),
            (err: unknown) => port.post({ type: 'job-done', jobId: msg.jobId, result: { ok: false, error: toErrorData(err) } }),
          )
          .finally(() => jobs.delete(msg.jobId));
      } else if (msg.type === 'cancel') {
        jobs.get(msg.jobId)?.abort();
      }
    });
    port.post({ type: 'ready', dbPath });
  } catch (err) {
    port.post({ type: 'fatal', message: toErrorData(err).message });
  }
}
