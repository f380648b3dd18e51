export { createHandlers } from './createHandlers';
export { invokeHandler } from './invokeHandler';
export type { HandlerContext } from './handlerContext';
export { HandlerInputError } from './HandlerInputError';
export { NotFoundError } from './NotFoundError';
export { EngineClient, type EngineChannel } from './engineClient';
export { runEngineHost, type HostPort } from './runEngineHost';
