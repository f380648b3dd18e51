/**
 * The engine's process in the desktop app: Electron forks this script with utilityProcess.fork,
 * so SQLite, sharp, ONNX and OpenCV never run on the main process or the window's thread.
 * Started as: engineHost.mjs --db FILE
 */
import { parseArgs } from 'node:util';
import type { ToEngineHost } from '../api/engineProtocol';
import { runEngineHost } from '../core/handlers';
import type { ParentPortLike } from './electronApi';

const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!port) throw new Error('engineHost runs only inside an Electron utility process');
const { values } = parseArgs({ options: { db: { type: 'string' } }, allowPositionals: true });

await runEngineHost(
  {
    onMessage: (listener) => port.on('message', ({ data }) => listener(data as ToEngineHost)),
    post: (message) => port.postMessage(message),
  },
  values.db,
);
