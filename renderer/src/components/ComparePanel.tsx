import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISIONS, type Decision } from '../../../api/decisions';
import type { MatchView } from '../../../api/handlers';
import type { BoxXYWH } from '../../../api/query';
import type { RecordalDetails } from '../../../api/recordal';
import { recordalDetails } from '../catalogueCache';
import { useMarkImage } from '../useMarkImage';
import { MarkFrame, RegionView } from './RegionView';

interface Props {
  match: MatchView | null;
  photo: { src: string; natural: { width: number; height: number } } | null;
  /** The region of the photo to compare, in the displayed photo's pixels. */
  region: BoxXYWH | null;
  /** The inspector's note for the decision; kept by the app so keys 1-3 record it too. */
  note: string;
  onNote(note: string): void;
  onDecide(d: Decision, note: string): void;
  deciding: boolean;
}


export function ComparePanel({ match, photo, region, note, onNote, onDecide, deciding }: Props) {
  const { t, i18n } = useTranslation();
  const [zoom, setZoom] = useState(1);
  const [overlay, setOverlay] = useState(false);
  const [recordal, setRecordal] = useState<RecordalDetails | null | 'loading'>(null);
  const markUrl = useMarkImage(match?.markId, 512);

  useEffect(() => {
    let live = true;
    if (!match?.recordalId) {
      setRecordal(null);
      return;
    }
    setRecordal('loading');
    recordalDetails(match.recordalId).then(
      (r) => live && setRecordal(r),
      () => live && setRecordal(null),
    );
    return () => {
      live = false;
    };
  }, [match?.recordalId]);

  if (!match) {
    return (
      <aside className="panel compare-panel" aria-labelledby="compare-title">
        <header className="panel-head">
          <h2 id="compare-title">{t('compare.title')}</h2>
        </header>
        <p className="empty">{t('compare.none')}</p>
      </aside>
    );
  }

  const full: BoxXYWH | null = photo ? [0, 0, photo.natural.width, photo.natural.height] : null;
  const rec = recordal === 'loading' ? null : recordal;
  const list = (items: string[]) => (items.length ? items.join('; ') : <span className="muted">{t('compare.noneListed')}</span>);
  const parties = (role: string) => (rec ? rec.parties.filter((p) => p.role === role).map((p) => p.name) : []);

  return (
    <aside className="panel compare-panel" aria-labelledby="compare-title" data-testid="compare">
      <header className="panel-head">
        <h2 id="compare-title">
          {t('compare.title')} · <span data-testid="compare-name">{match.markName ?? match.markId}</span>
        </h2>
        <span className="mono muted">{match.score.toFixed(3)}</span>
      </header>

      <div className="compare-pair">
        <figure>
          {photo && (region ?? full) ? (
            <RegionView
              src={photo.src}
              natural={photo.natural}
              region={(region ?? full)!}
              zoom={zoom}
              label={t('compare.region')}
              overlay={overlay ? markUrl : null}
            />
          ) : (
            <div className="region-frame" />
          )}
          <figcaption>{t('compare.region')}</figcaption>
        </figure>
        <figure>
          <MarkFrame src={markUrl} zoom={zoom} label={t('compare.mark')} />
          <figcaption>{t('compare.mark')}</figcaption>
        </figure>
      </div>
      <div className="compare-tools">
        <label>
          <span>{t('compare.zoom')}</span>
          <input type="range" min={1} max={4} step={0.25} value={zoom} onChange={(e) => setZoom(Number(e.target.value))} />
          <span className="mono">{zoom.toFixed(2)}×</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={overlay} onChange={(e) => setOverlay(e.target.checked)} />
          <span>{t('compare.overlay')}</span>
        </label>
      </div>

      <section className="decision" aria-labelledby="decision-title">
        <h3 id="decision-title">{t('decision.title')}</h3>
        <div className="decision-buttons" role="group" aria-labelledby="decision-title">
          {DECISIONS.map((d, i) => (
            <button
              key={d}
              type="button"
              className={`btn decision-btn decision-${d}${match.decision === d ? ' active' : ''}`}
              aria-pressed={match.decision === d}
              disabled={deciding}
              onClick={() => onDecide(d, note)}
              title={t('decision.key', { key: i + 1 })}
              data-testid={`decide-${d}`}
            >
              <kbd>{i + 1}</kbd> {t(`decision.${d}`)}
            </button>
          ))}
        </div>
        <label className="decision-note">
          <span>{t('decision.note')}</span>
          <input value={note} placeholder={t('decision.notePlaceholder')} onChange={(e) => onNote(e.target.value)} data-testid="decision-note" />
        </label>
        <p className="muted" data-testid="decision-state">
          {match.decision ? t('decision.recorded', { decision: t(`decision.${match.decision}`) }) : t('decision.none')}
        </p>
      </section>

      {match.explanation && <EvidenceList match={match} />}

      {match.reasons && match.reasons.length > 0 && (
        <section aria-labelledby="reasons-title" data-testid="reasons">
          <h3 id="reasons-title">{t('compare.reasons')}</h3>
          <p className={match.likelyInfringement ? 'flag-line flag-on' : 'flag-line'}>
            {match.likelyInfringement ? t('compare.flagged') : t('compare.notFlagged')}
          </p>
          <ul className="reasons">
            {match.reasons.map((r) => (
              <li key={r.code} className={r.passed ? 'passed' : 'failed'} data-code={r.code} title={r.text}>
                <span className="reason-mark" aria-hidden="true">
                  {r.passed ? '✓' : '✗'}
                </span>
                <span>
                  {t(`reasonCode.${r.code}`, { defaultValue: r.text })}
                  {i18n.language === 'en' && <span className="reason-detail">{r.text}</span>}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="recordal-title">
        <h3 id="recordal-title">{t('compare.details')}</h3>
        {!match.recordalId && <p className="muted">{t('compare.noRecordal')}</p>}
        {recordal === 'loading' && <p className="muted">{t('compare.loading')}</p>}
        {rec && (
          <dl className="details" data-testid="recordal">
            <dt>{t('compare.recordalNo')}</dt>
            <dd className="mono">{rec.id}</dd>
            <dt>{t('compare.holder')}</dt>
            <dd>
              {rec.holder}
              {rec.holderCountry ? ` (${rec.holderCountry})` : ''}
            </dd>
            <dt>{t('compare.markName')}</dt>
            <dd>{rec.markName}</dd>
            <dt>{t('compare.registrationNo')}</dt>
            <dd className="mono">{rec.registrationNo ?? '—'}</dd>
            <dt>{t('compare.classes')}</dt>
            <dd>{rec.niceClasses.join(', ') || '—'}</dd>
            <dt>{t('compare.validity')}</dt>
            <dd>{t('compare.validRange', { from: rec.validFrom ?? '—', to: rec.validTo ?? '—' })}</dd>
            <dt>{t('compare.status')}</dt>
            <dd>
              <span className={`chip chip-${rec.status}`}>{t(`recordalStatus.${rec.status}`)}</span>
            </dd>
            <dt>{t('compare.licensees')}</dt>
            <dd>{list(parties('licensee'))}</dd>
            <dt>{t('compare.importers')}</dt>
            <dd>{list(parties('importer'))}</dd>
            <dt>{t('compare.exporters')}</dt>
            <dd>{list(parties('exporter'))}</dd>
            <dt>{t('compare.manufacturers')}</dt>
            <dd>{list(parties('manufacturer'))}</dd>
            {rec.genuineGoods && (
              <>
                <dt className="dt-group">{t('compare.genuine')}</dt>
                <dt>{t('compare.origin')}</dt>
                <dd>{rec.genuineGoods.origin ?? '—'}</dd>
                <dt>{t('compare.ports')}</dt>
                <dd>{rec.genuineGoods.ports ?? '—'}</dd>
                <dt>{t('compare.price')}</dt>
                <dd>{rec.genuineGoods.usualPrice ?? '—'}</dd>
                <dt>{t('compare.features')}</dt>
                <dd>{rec.genuineGoods.features ?? '—'}</dd>
              </>
            )}
            <dt>{t('compare.infringers')}</dt>
            <dd>{list(rec.knownInfringers)}</dd>
          </dl>
        )}
      </section>
    </aside>
  );
}

/** Text read is shown as a match from this similarity up (below it, the closest line is noise). */
const TEXT_SHOWN = 0.5;

/** The evidence behind the probability, in the inspector's words: picture, matching points, text. */
function EvidenceList({ match }: { match: MatchView }) {
  const { t } = useTranslation();
  const e = match.explanation!;
  return (
    <section aria-labelledby="evidence-title" data-testid="evidence">
      <h3 id="evidence-title">{t('compare.evidence')}</h3>
      <dl className="details">
        <dt>{t('compare.similarity')}</dt>
        <dd className="mono">{e.cosine.toFixed(3)}</dd>
        <dt>{t('compare.geometry')}</dt>
        <dd data-testid="evidence-geometry">
          {t('compare.geometryValue', { inliers: e.inliers, matches: e.matches })} ·{' '}
          <span className={match.verified ? 'evidence-ok' : 'muted'}>{match.verified ? t('compare.verifiedYes') : t('compare.verifiedNo')}</span>
        </dd>
        <dt>{t('compare.text')}</dt>
        <dd data-testid="evidence-text">
          {e.textRead && e.textScore >= TEXT_SHOWN ? t('compare.textValue', { text: e.textRead, kind: t(`textMatch.${e.textMatch}`, { defaultValue: e.textMatch }), score: Math.round(e.textScore * 100) }) : <span className="muted">{t('compare.noText')}</span>}
          {e.foundBy === 'text' && <span className="muted"> · {t('compare.foundByText')}</span>}
        </dd>
        {e.samePlaceAs && (
          <>
            <dt>{t('compare.samePlace')}</dt>
            <dd data-testid="evidence-same-place">{t('compare.samePlaceValue', { rank: e.samePlaceAs.rank, name: e.samePlaceAs.markName ?? e.samePlaceAs.markId })}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
