import type { ErrorData, Result } from '../../api/errors';
import type { HandlerArgs, HandlerName, HandlerValue, MarkSightApi } from '../../api/handlers';

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

/** Web mode: the same handlers over POST /api/<name> on the server that served this page. */
const fetchApi: MarkSightApi = {
  async call<K extends HandlerName>(name: K, args: HandlerArgs<K>): Promise<Result<HandlerValue<K>>> {
    let res: Response;
    try {
      res = await fetch(`./api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args ?? {}),
      });
    } catch (err) {
      return { ok: false, error: { name: 'NetworkError', code: 'NETWORK', message: String(err) } };
    }
    try {
      return (await res.json()) as Result<HandlerValue<K>>;
    } catch {
      return { ok: false, error: { name: 'NetworkError', code: 'NETWORK', message: `HTTP ${res.status}` } };
    }
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
