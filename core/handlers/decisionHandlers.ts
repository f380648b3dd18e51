import { DECISIONS } from '../../api/decisions';
import type { Handlers, HistoryItem, QueryView } from '../../api/handlers';
import { decisionRepository, queryHistoryRepository } from '../../db';
import type { HandlerContext } from './handlerContext';
import { HandlerInputError } from './HandlerInputError';
import { NotFoundError } from './NotFoundError';

export function decisionHandlers({ engine }: HandlerContext) {
  const history = queryHistoryRepository(engine.db);
  const decisions = decisionRepository(engine.db);
  return {
    async 'decision-record'({ queryId, markId, decision, note }) {
      if (!DECISIONS.includes(decision)) throw new HandlerInputError(`decision must be one of ${DECISIONS.join(', ')}`);
      const query = history.get(Number(queryId));
      if (!query) throw new NotFoundError('query', queryId);
      const match = (JSON.parse(query.result) as QueryView).results.find((m) => m.markId === markId);
      if (!match) throw new HandlerInputError(`mark ${markId} is not among the results of query ${queryId}`);
      return decisions.record({ queryId: query.id, markId, recordalId: match.recordalId, decision, note: note?.trim() || null });
    },
    async 'decisions-list'({ queryId }) {
      return decisions.currentForQuery(Number(queryId));
    },
    async 'history-list'({ limit = 50 } = {}) {
      return history.recent(Math.min(Math.max(Number(limit) || 50, 1), 500)).map((row): HistoryItem => {
        const first = (JSON.parse(row.result) as QueryView).results?.[0];
        return {
          queryId: row.id,
          createdAt: row.createdAt,
          fileName: row.fileName,
          topMarkName: first ? (first.markName ?? first.markId) : null,
          topScore: first?.score ?? null,
          decisions: row.decisions,
        };
      });
    },
  } satisfies Pick<Handlers, 'decision-record' | 'decisions-list' | 'history-list'>;
}
