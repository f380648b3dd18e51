import type { Handlers } from '../../api/handlers';
import { metaRepository } from '../../db';
import type { HandlerContext } from './handlerContext';

/** Meta key the sync feature writes after applying a package (ISO time). */
export const LAST_SYNC_KEY = 'sync.last_applied_at';

export function statsHandlers({ engine, dbPath }: HandlerContext) {
  return {
    async 'db-stats'() {
      await engine.model(); // load the model now, so the first query does not pay for it
      return { dbPath, ...engine.stats(), lastSync: metaRepository(engine.db).get<string>(LAST_SYNC_KEY) ?? null };
    },
  } satisfies Pick<Handlers, 'db-stats'>;
}
