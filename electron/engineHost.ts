/**
 * The engine's process: Electron forks this script with utilityProcess.fork, so SQLite, sharp and
 * ONNX never run on the main process or the window's thread. It answers handler calls by id and
 * runs long jobs with progress and cancel. Started as: engineHost.mjs --db FILE
 */
import { parseArgs } from 'node:util';
import { toErrorData } from '../api/errors';
import { openEngine, type Engine } from '../core';
import { createHandlers, invokeHandler } from '../core/handlers';
import type { ParentPortLike } from './electronApi';
import type { FromEngineHost, JobKind, ToEngineHost } from './engineProtocol';

const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!port) throw new Error('engineHost runs only inside an Electron utility process');
const send = (m: FromEngineHost) => port.postMessage(m);

const { values } = parseArgs({ options: { db: { type: 'string' } }, allowPositionals: true });
const dbPath = values.db;

async function runJob(engine: Engine, kind: JobKind, jobId: string, signal: AbortSignal): Promise<unknown> {
  switch (kind) {
    case 'index-missing':
      return engine.indexMissing({ signal, onProgress: (progress) => send({ type: 'progress', jobId, progress }) });
  }
}

try {
  if (!dbPath) throw new Error('engineHost needs --db FILE');
  const engine = await openEngine({ dbPath });
  const handlers = createHandlers({ engine, dbPath });
  const jobs = new Map<string, AbortController>();

  port.on('message', ({ data }) => {
    const msg = data as ToEngineHost;
    if (msg.type === 'call') {
      void invokeHandler(handlers, msg.name, msg.args).then((result) => send({ type: 'result', id: msg.id, result }));
    } else if (msg.type === 'job') {
      const abort = new AbortController();
      jobs.set(msg.jobId, abort);
      runJob(engine, msg.kind, msg.jobId, abort.signal).then(
        (value) => send({ type: 'job-done', jobId: msg.jobId, result: { ok: true, value } }),
        (err: unknown) => send({ type: 'job-done', jobId: msg.jobId, result: { ok: false, error: toErrorData(err) } }),
      ).finally(() => jobs.delete(msg.jobId));
    } else if (msg.type === 'cancel') {
      jobs.get(msg.jobId)?.abort();
    }
  });
  send({ type: 'ready', dbPath });
} catch (err) {
  send({ type: 'fatal', message: toErrorData(err).message });
}
