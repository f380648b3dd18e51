export { createHandlers } from './createHandlers';
export { invokeHandler } from './invokeHandler';
export type { HandlerContext } from './handlerContext';
export { HandlerInputError } from './HandlerInputError';
export { NotFoundError } from './NotFoundError';
