import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatchView } from '../../../api/handlers';
import { useMarkImage } from '../useMarkImage';

interface Props {
  match: MatchView;
  selected: boolean;
  strong: boolean;
  onSelect(): void;
}

export const ResultCard = forwardRef<HTMLButtonElement, Props>(function ResultCard({ match, selected, strong, onSelect }, ref) {
  const { t } = useTranslation();
  const thumb = useMarkImage(match.markId, 160);
  const pct = Math.max(0, Math.min(1, match.score)) * 100;
  return (
    <li className="result-item">
      <button
        ref={ref}
        type="button"
        className={`result-card${selected ? ' selected' : ''}${match.likelyInfringement ? ' flagged' : ''}`}
        aria-pressed={selected}
        onClick={onSelect}
        data-testid="result-card"
        data-mark-id={match.markId}
      >
        <span className="result-rank">{match.rank}</span>
        <span className="result-thumb">{thumb ? <img src={thumb} alt="" /> : <span className="thumb-placeholder" />}</span>
        <span className="result-body">
          <span className="result-name" data-testid="result-name">
            {match.markName ?? match.markId}
          </span>
          <span className="result-holder">{match.holder ?? t('results.unrecorded')}</span>
          <span className="result-meta">
            {match.recordalId && <span className="mono">{match.recordalId}</span>}
            {match.status && <span className={`chip chip-${match.status}`}>{t(`recordalStatus.${match.status}`)}</span>}
            {match.niceClasses.length > 0 && <span className="muted">{match.niceClasses.join(', ')}</span>}
          </span>
          <span className="score-line" title={t('results.score')}>
            <span className="score-bar">
              <span className={`score-fill${strong ? ' strong' : ''}`} style={{ width: `${pct}%` }} />
            </span>
            <span className="score-value mono">{match.score.toFixed(3)}</span>
          </span>
          {match.probability !== undefined && (
            <span className="result-prob">
              {t('results.probability')} <b className="mono">{(match.probability * 100).toFixed(0)}%</b>
            </span>
          )}
          {match.likelyInfringement && <span className="chip chip-flag">{t('results.likelyInfringement')}</span>}
          {match.decision && (
            <span className={`chip decision-${match.decision}`} data-testid="card-decision">
              {t(`decision.${match.decision}`)}
            </span>
          )}
        </span>
      </button>
    </li>
  );
});
