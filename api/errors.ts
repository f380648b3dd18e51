/**
 * Errors that cross a process boundary (IPC, HTTP, CLI) travel as data, not as class instances,
 * so they are identified by `name` and a stable `code`.
 */
export interface ErrorData {
  name: string;
  code: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** Base of every error the engine throws on purpose; anything else is a bug. */
export class MarkSightError extends Error {
  override name = 'MarkSightError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function toErrorData(err: unknown): ErrorData {
  if (err instanceof MarkSightError) return { name: err.name, code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { name: 'InternalError', code: 'INTERNAL', message };
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EMFILE: 'too many open files',
  EIO: 'read error (disk or medium fault)',
};

/** Why a file could not be read, in a few words: the caller already names the file, Node's message repeats it. */
export function fileErrorReason(err: unknown): string {
  const code = (err as { code?: string } | null | undefined)?.code;
  if (code && FILE_ERRORS[code]) return FILE_ERRORS[code];
  return code ?? (err instanceof Error ? err.message.split('\n')[0]! : String(err));
}
