import type { ErrorData, Result } from '../../api/errors';
import type { HandlerArgs, HandlerName, HandlerValue, JobProgress, JobRequest, MarkSightApi } from '../../api/handlers';

declare global {
  interface Window {
    /** Present in Electron: the preload's contextBridge API. Absent in web mode. */
    marksight?: MarkSightApi;
  }
}

/** An engine or transport error as the UI handles it: the data that crossed, with its code. */
export class ApiCallError extends Error {
  override name = 'ApiCallError';
  constructor(readonly data: ErrorData) {
    super(data.message);
  }
}

async function postJson<T>(path: string, body: unknown): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  } catch (err) {
    return { ok: false, error: { name: 'NetworkError', code: 'NETWORK', message: String(err) } };
  }
  try {
    return (await res.json()) as Result<T>;
  } catch {
    return { ok: false, error: { name: 'NetworkError', code: 'NETWORK', message: `HTTP ${res.status}` } };
  }
}

/** Web mode's job events: one EventSource on /jobs/events, opened while anyone listens. */
const jobListeners = new Set<(p: JobProgress) => void>();
let jobEvents: { source: EventSource; open: Promise<void> } | null = null;
function jobStream(): { source: EventSource; open: Promise<void> } {
  if (jobEvents) return jobEvents;
  const source = new EventSource('./jobs/events');
  source.onmessage = (e: MessageEvent<string>) => {
    const p = JSON.parse(e.data) as JobProgress;
    for (const listener of jobListeners) listener(p);
  };
  // resolves once connected (or after 2 s, so a start never hangs on the stream)
  const open = new Promise<void>((resolve) => {
    source.addEventListener('open', () => resolve(), { once: true });
    setTimeout(resolve, 2000);
  });
  jobEvents = { source, open };
  return jobEvents;
}

/** Web mode: the same handlers over POST /api/<name> on the server that served this page, jobs under /jobs/. */
const fetchApi: MarkSightApi = {
  async startJob(job: JobRequest) {
    await jobStream().open; // listen before starting, so no event of this job is missed
    return postJson<{ jobId: string }>('./jobs/start', job);
  },
  onProgress(listener) {
    jobListeners.add(listener);
    jobStream();
    return () => {
      jobListeners.delete(listener);
      if (jobListeners.size === 0 && jobEvents) {
        jobEvents.source.close();
        jobEvents = null;
      }
    };
  },
  async cancel(jobId: string) {
    await postJson('./jobs/cancel', { jobId });
  },
  call<K extends HandlerName>(name: K, args: HandlerArgs<K>): Promise<Result<HandlerValue<K>>> {
    return postJson<HandlerValue<K>>(`./api/${name}`, args);
  },
};

export const api: MarkSightApi = window.marksight ?? fetchApi;
export const mode: 'desktop' | 'web' = window.marksight ? 'desktop' : 'web';

/** Calls a handler and returns its value, throwing ApiCallError with the error data on failure. */
export async function call<K extends HandlerName>(name: K, args: HandlerArgs<K>): Promise<HandlerValue<K>> {
  const result = await api.call(name, args);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}

export function errorData(err: unknown): ErrorData {
  if (err instanceof ApiCallError) return err.data;
  return { name: 'Error', code: 'CLIENT', message: err instanceof Error ? err.message : String(err) };
}
