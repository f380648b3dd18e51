import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Result } from '../api/errors';
import { parseJobRequest, type JobProgress, type JobRequest } from '../api/jobs';
import { readBody } from './readBody';

/** What web mode needs of the engine to run jobs: EngineClient has exactly these. */
export interface JobRunner {
  startJob(job: JobRequest): Promise<{ jobId: string }>;
  cancel(jobId: string): void;
  subscribe(listener: (p: JobProgress) => void): () => void;
  recentJobs(): JobProgress[];
}

const MAX_JOB_BODY = 16 * 1024;
const KEEPALIVE_MS = 15_000;

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/**
 * Web mode's side of jobs, the same as Electron's IPC: `POST /jobs/start` with a job request
 * (`{ "kind": "sync", "source": "/media/usb/0042" }`) answers `{ jobId }`; `POST /jobs/cancel`
 * with `{ jobId }`; `GET /jobs/events` is a server-sent event stream of every job event, starting
 * with the latest event of running and recent jobs so a page that connects late still sees them.
 * The caller has already checked Host and Origin.
 */
export function jobRoutes(runner: JobRunner) {
  const streams = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/jobs/events') {
      if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      const send = (p: JobProgress) => res.write(`data: ${JSON.stringify(p)}\n\n`);
      res.write('retry: 1000\n\n');
      for (const p of runner.recentJobs()) send(p);
      const unsubscribe = runner.subscribe(send);
      const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
      streams.add(res);
      res.on('close', () => {
        clearInterval(keepalive);
        unsubscribe();
        streams.delete(res);
      });
      return;
    }
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
    let body: unknown;
    try {
      const raw = await readBody(req, MAX_JOB_BODY);
      body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      return sendJson(res, 400, { ok: false, error: { name: 'BadJsonError', code: 'BAD_REQUEST', message: 'the request body is not a JSON job request' } });
    }
    if (path === '/jobs/start') {
      const job = parseJobRequest(body);
      if (!job) return sendJson(res, 400, { ok: false, error: { name: 'HandlerInputError', code: 'BAD_REQUEST', message: 'not a job request' } });
      try {
        const { jobId } = await runner.startJob(job);
        return sendJson(res, 200, { ok: true, value: { jobId } });
      } catch (err) {
        return sendJson(res, 200, { ok: false, error: { name: 'EngineExitedError', code: 'ENGINE_EXITED', message: (err as Error).message } });
      }
    }
    if (path === '/jobs/cancel') {
      const jobId = (body as { jobId?: unknown }).jobId;
      if (typeof jobId === 'string') runner.cancel(jobId);
      return sendJson(res, 200, { ok: true, value: null });
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such job route\n');
  }

  /** Ends the open event streams, so the server can close. */
  function closeStreams(): void {
    for (const res of streams) res.end();
    streams.clear();
  }

  return { handle, closeStreams };
}
