import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryItem } from '../../../api/handlers';
import { call } from '../apiClient';

/** The last few queries, on the empty start screen: one click back to an open inspection. */
export function RecentQueries({ onOpen }: { onOpen(queryId: number): void }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<HistoryItem[]>([]);
  useEffect(() => {
    call('history-list', { limit: 8 }).then(setItems, () => setItems([]));
  }, []);
  if (items.length === 0) return null;
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h3 id="recent-title">{t('history.title')}</h3>
      <ul>
        {items.map((h) => (
          <li key={h.queryId}>
            <button type="button" className="recent-item" onClick={() => onOpen(h.queryId)}>
              <span className="mono muted">{new Date(h.createdAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' })}</span>
              <span className="recent-file">{h.fileName ?? t('history.unnamed')}</span>
              <span>{h.topMarkName ?? '—'}</span>
              <span className="mono">{h.topScore?.toFixed(3) ?? ''}</span>
              <span>{h.decisions > 0 && <span className="chip">{t('history.decisions')} {h.decisions}</span>}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
