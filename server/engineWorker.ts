/**
 * Web mode's engine thread: the HTTP server's event loop only parses requests and writes answers,
 * while decoding, embedding, verification (OpenCV runs synchronously in WASM) and SQLite run here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ToEngineHost } from '../api/engineProtocol';
import { runEngineHost } from '../core/handlers';

if (!parentPort) throw new Error('engineWorker runs only as a worker thread');
const port = parentPort;

await runEngineHost(
  {
    onMessage: (listener) => port.on('message', (m) => listener(m as ToEngineHost)),
    post: (message) => port.postMessage(message),
  },
  (workerData as { dbPath?: string } | undefined)?.dbPath,
);
