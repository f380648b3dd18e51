import { toErrorData, type Result } from '../../api/errors';
import { isHandlerName, type HandlerName, type HandlerValue, type Handlers } from '../../api/handlers';

/**
 * The transport side of a call: finds the handler by name and turns any throw into error data,
 * so what crosses IPC or HTTP is always a `Result`. Unknown names are an error, not a crash.
 */
export async function invokeHandler(handlers: Handlers, name: string, args: unknown): Promise<Result<HandlerValue<HandlerName>>> {
  if (!isHandlerName(name)) {
    return { ok: false, error: { name: 'UnknownHandlerError', code: 'UNKNOWN_HANDLER', message: `no handler named ${name}` } };
  }
  try {
    const handler = handlers[name] as (a: unknown) => Promise<HandlerValue<HandlerName>>;
    return { ok: true, value: await handler(args ?? {}) };
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
}
