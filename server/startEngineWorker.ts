import { Worker } from 'node:worker_threads';
import type { FromEngineHost } from '../api/engineProtocol';
import { EngineClient } from '../core/handlers';

/** Starts the engine on a worker thread and returns the client the HTTP handlers call through. */
export function startEngineWorker(dbPath: string): EngineClient {
  const worker = new Worker(new URL('./engineWorker.mjs', import.meta.url), { workerData: { dbPath } });
  return new EngineClient({
    post: (m) => worker.postMessage(m),
    onMessage: (listener) => worker.on('message', (m) => listener(m as FromEngineHost)),
    onExit: (listener) => worker.on('exit', listener),
    stop: () => void worker.terminate(),
  });
}
