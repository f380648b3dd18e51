import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryItem } from '../../../api/handlers';
import { call } from '../apiClient';

export function HistoryView({ onOpen }: { onOpen(queryId: number): void }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<HistoryItem[] | null>(null);
  useEffect(() => {
    call('history-list', { limit: 100 }).then(setItems, () => setItems([]));
  }, []);
  return (
    <section className="panel page" aria-labelledby="history-title">
      <header className="panel-head">
        <h2 id="history-title">{t('history.title')}</h2>
      </header>
      {items && items.length === 0 && <p className="empty">{t('history.empty')}</p>}
      {items && items.length > 0 && (
        <table className="table" data-testid="history">
          <thead>
            <tr>
              <th scope="col">{t('history.time')}</th>
              <th scope="col">{t('history.file')}</th>
              <th scope="col">{t('history.topMatch')}</th>
              <th scope="col" className="num">{t('history.score')}</th>
              <th scope="col" className="num">{t('history.decisions')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {items.map((h) => (
              <tr key={h.queryId}>
                <td className="mono">{new Date(h.createdAt).toLocaleString(i18n.language)}</td>
                <td>{h.fileName ?? <span className="muted">{t('history.unnamed')}</span>}</td>
                <td>{h.topMarkName ?? '—'}</td>
                <td className="num mono">{h.topScore?.toFixed(3) ?? '—'}</td>
                <td className="num">{h.decisions}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => onOpen(h.queryId)}>
                    {t('history.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
