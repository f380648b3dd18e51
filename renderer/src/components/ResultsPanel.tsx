import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatchView, QueryFilters, QueryView } from '../../../api/handlers';
import type { QueryWarning } from '../../../api/query';
import { RECORDAL_STATUSES, type RecordalStatus } from '../../../api/recordal';
import { NiceClassSelect } from './NiceClassSelect';
import { RecentQueries } from './RecentQueries';
import { ResultCard } from './ResultCard';

interface Props {
  query: QueryView | null;
  shown: MatchView[];
  busy: boolean;
  selected: number;
  strongScore: number;
  filters: QueryFilters;
  onFilters(f: QueryFilters): void;
  onSelect(i: number): void;
  onOpenQuery(queryId: number): void;
}

export function ResultsPanel({ query, shown, busy, selected, strongScore, filters, onFilters, onSelect, onOpenQuery }: Props) {
  const { t } = useTranslation();
  const cards = useRef<(HTMLButtonElement | null)[]>([]);
  useEffect(() => {
    cards.current[selected]?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const anyFilter = Boolean(filters.niceClass || filters.status || filters.holder);

  return (
    <section className="panel results-panel" aria-labelledby="results-title" aria-busy={busy}>
      <header className="panel-head">
        <h2 id="results-title">{t('results.title')}</h2>
        {query && (
          <span className="muted" data-testid="results-count" aria-live="polite">
            {t('results.count', { shown: shown.length, total: query.results.length })} · {t('results.time', { ms: Math.round(query.timings.totalMs) })}
          </span>
        )}
      </header>
      <div className="filters" role="group" aria-label={t('filters.title')}>
        <label>
          <span>{t('filters.niceClass')}</span>
          <NiceClassSelect value={filters.niceClass} anyLabel={t('filters.any')} onChange={(niceClass) => onFilters({ ...filters, niceClass })} />
        </label>
        <label>
          <span>{t('filters.status')}</span>
          <select
            value={filters.status ?? ''}
            onChange={(e) => onFilters({ ...filters, status: (e.target.value || undefined) as RecordalStatus | undefined })}
          >
            <option value="">{t('filters.any')}</option>
            {RECORDAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`recordalStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          <span>{t('filters.holder')}</span>
          <input
            type="search"
            value={filters.holder ?? ''}
            placeholder={t('filters.holderPlaceholder')}
            onChange={(e) => onFilters({ ...filters, holder: e.target.value || undefined })}
          />
        </label>
        {anyFilter && (
          <button type="button" className="btn btn-small" onClick={() => onFilters({})}>
            {t('filters.clear')}
          </button>
        )}
      </div>
      <div className="results-body">
        {busy && (
          <div className="busy" role="status" data-testid="busy">
            <span className="spinner" aria-hidden="true" />
            {t('results.searching')}
          </div>
        )}
        {!query && !busy && (
          <>
            <p className="empty">{t('results.empty')}</p>
            <RecentQueries onOpen={onOpenQuery} />
          </>
        )}
        {query?.warnings?.length ? (
          <ul className="notice notice-warn query-warnings" data-testid="query-warnings">
            {(query.warnings as (QueryWarning | string)[]).map((w, i) => (
              // queries kept from before warnings had codes hold plain English strings
              <li key={i}>{typeof w === 'string' ? w : t(`queryWarning.${w.code}`, { ...w.values, defaultValue: w.message })}</li>
            ))}
          </ul>
        ) : null}
        {query && shown.length === 0 && !busy && <p className="empty">{t('results.noneAfterFilter')}</p>}
        {query && shown.length > 0 && (
          <ol className="results-grid" aria-label={t('results.listLabel')} data-testid="results" data-query-id={query.queryId}>
            {shown.map((m, i) => (
              <ResultCard
                key={m.markId}
                ref={(el) => {
                  cards.current[i] = el;
                }}
                match={m}
                selected={i === selected}
                strong={m.score >= strongScore}
                onSelect={() => onSelect(i)}
              />
            ))}
          </ol>
        )}
      </div>
      <p className="keys-hint muted">{t('results.keysHint')}</p>
    </section>
  );
}
