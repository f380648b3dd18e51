import { useTranslation } from 'react-i18next';
import type { DbStats } from '../../../api/handlers';

export function StatusBar({ stats, offline, lastQueryMs }: { stats: DbStats | null; offline: boolean; lastQueryMs: number | null }) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  return (
    <footer className="statusbar" role="contentinfo" aria-live="polite" data-last-query-ms={lastQueryMs ?? undefined}>
      {offline && <span className="status-item status-bad">{t('status.offline')}</span>}
      {stats && (
        <>
          <span className="status-item" data-testid="status-recordals">
            {t('status.recordals')} <b>{fmt(stats.recordals)}</b>
          </span>
          <span className="status-item">
            {t('status.images')} <b>{fmt(stats.images)}</b>
          </span>
          <span className="status-item">
            {t('status.indexed')} <b>{fmt(stats.indexed)}</b>
          </span>
          <span className="status-item" title={stats.model?.id}>
            {t('status.model')} <b>{stats.model ? `${stats.model.name} · ${stats.model.id.slice(0, 8)}` : t('status.noModel')}</b>
          </span>
          <span className="status-item" data-testid="status-last-sync" data-last-sync={stats.lastSync ?? ''}>
            {t('status.lastSync')} <b>{stats.lastSync ? new Date(stats.lastSync).toLocaleString(i18n.language) : t('status.never')}</b>
          </span>
          <span className="status-item status-path" title={stats.dbPath}>
            {t('status.database')} <b>{stats.dbPath}</b>
          </span>
        </>
      )}
      {lastQueryMs !== null && (
        <span className="status-item status-right">
          {t('status.lastQuery')} <b>{t('status.ms', { ms: Math.round(lastQueryMs) })}</b>
        </span>
      )}
    </footer>
  );
}
