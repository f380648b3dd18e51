import type { Handlers } from '../../api/handlers';
import { metaRepository } from '../../db';
import { LAST_SYNC_META_KEY } from '../../db/repositories/syncStateRepository';
import type { HandlerContext } from './handlerContext';

export function statsHandlers({ engine, dbPath }: HandlerContext) {
  return {
    async 'db-stats'() {
      await engine.model(); // load the model now, so the first query does not pay for it
      return { dbPath, ...engine.stats(), lastSync: metaRepository(engine.db).get<string>(LAST_SYNC_META_KEY) ?? null };
    },
  } satisfies Pick<Handlers, 'db-stats'>;
}
