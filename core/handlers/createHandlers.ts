import type { Handlers } from '../../api/handlers';
import { decisionHandlers } from './decisionHandlers';
import type { HandlerContext } from './handlerContext';
import { queryHandlers } from './queryHandlers';
import { recordalHandlers } from './recordalHandlers';
import { settingsHandlers } from './settingsHandlers';
import { statsHandlers } from './statsHandlers';
import { syncHandlers } from '../sync/handlers';

/** Every feature's handlers merged into the one map the preload, the server and the tests expose. */
export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...statsHandlers(ctx),
    ...queryHandlers(ctx),
    ...recordalHandlers(ctx),
    ...decisionHandlers(ctx),
    ...settingsHandlers(ctx),
    ...syncHandlers(ctx),
  } satisfies Handlers;
}
