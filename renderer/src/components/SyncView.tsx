import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../api/errors';
import type { JobProgress } from '../../../api/handlers';
import type { SyncReport, SyncStatus } from '../../../api/sync';
import type { JobState } from '../useJob';

const PHASES = ['start', 'download', 'verify', 'apply', 'index', 'features'] as const;
type Phase = (typeof PHASES)[number];

function formatBytes(n: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toLocaleString(lang, { maximumFractionDigits: i ? 1 : 0 })} ${units[i]}`;
}

function SyncProgress({ job, onCancel }: { job: JobProgress; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const phase: Phase = (PHASES as readonly string[]).includes(job.phase) ? (job.phase as Phase) : 'start';
  const count = (n: number) => (phase === 'download' ? formatBytes(n, i18n.language) : n.toLocaleString(i18n.language));
  const text = t(`sync.phase.${phase}`, { done: count(job.done), total: count(job.total) });
  const determinate = job.total > 0 && phase !== 'start';
  return (
    <div className="sync-progress" data-testid="sync-progress" data-phase={phase}>
      <div className="sync-steps" aria-hidden="true">
        {PHASES.map((p) => (
          <span key={p} className={`sync-step${p === phase ? ' current' : ''}${PHASES.indexOf(p) < PHASES.indexOf(phase) ? ' passed' : ''}`} />
        ))}
      </div>
      <span className="sync-phase">{text}</span>
      {determinate ? <progress max={job.total} value={job.done} aria-label={text} /> : <progress aria-label={text} />}
      <button type="button" className="btn" onClick={onCancel} data-testid="sync-cancel">
        {t('sync.cancel')}
      </button>
    </div>
  );
}

function SyncResult({ report }: { report: SyncReport }) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  const title = report.alreadyApplied
    ? t('sync.alreadyApplied', { sequence: report.sequence })
    : t(report.baseSequence === null ? 'sync.appliedSnapshot' : 'sync.applied', { sequence: report.sequence });
  const rows: [string, number][] = [
    [t('sync.counts.upsertRecordal'), report.operations.upsertRecordal],
    [t('sync.counts.deleteRecordal'), report.operations.deleteRecordal],
    [t('sync.counts.addImage'), report.operations.addImage],
    [t('sync.counts.removeImage'), report.operations.removeImage],
    [t('sync.counts.setAuthorisedParties'), report.operations.setAuthorisedParties],
    [t('sync.counts.images'), report.images],
    [t('sync.counts.embeddings'), report.embeddings],
    [t('sync.counts.localFeatures'), report.localFeatures],
    [t('sync.counts.indexed'), report.index?.embedded ?? 0],
  ];
  return (
    <div className="notice notice-ok sync-result" role="status" data-testid="sync-result" data-sequence={report.sequence}>
      <strong>{title}</strong>
      {!report.alreadyApplied && (
        <dl className="sync-counts">
          {rows.map(([label, n]) => (
            <div key={label} className={n ? '' : 'zero'}>
              <dt>{label}</dt>
              <dd>{fmt(n)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function SyncError({ error, phase }: { error: ErrorData; phase: string }) {
  const { t } = useTranslation();
  const rejected = error.code.startsWith('SYNC_');
  let text: string;
  if (rejected) text = t(`sync.reason.${error.code}`, { defaultValue: error.message.replace(/^package rejected: /, '') });
  else if (error.code === 'CANCELLED') text = phase === 'index' || phase === 'features' ? t('sync.indexStopped') : t('sync.cancelled');
  else if (error.code === 'JOB_RUNNING') text = t('settings.jobBusy');
  else text = t('sync.failed', { message: error.message });
  return (
    <div className="notice notice-error sync-error" role="alert" data-testid="sync-error" data-code={error.code}>
      {rejected && <strong>{t('sync.rejected')}</strong>}
      <p>{text}</p>
      {(rejected || error.code !== 'CANCELLED') && (
        <details>
          <summary>{t('sync.details')}</summary>
          <code>{error.message}</code>
        </details>
      )}
    </div>
  );
}

/** The inspector's view of database updates: what the device trusts and has applied, and a package to apply. */
export function SyncView({ status, job }: { status: SyncStatus | null; job: JobState }) {
  const { t, i18n } = useTranslation();
  const [source, setSource] = useState('');
  const last = job.job;
  const trusted = Boolean(status?.trustedKeyId);
  const error = last?.finished ? (last.error ?? null) : (job.startError ?? null);
  return (
    <section className="panel page sync-page" aria-labelledby="sync-title">
      <header className="panel-head">
        <h2 id="sync-title">{t('sync.title')}</h2>
      </header>
      <div className="sync-body">
        <p className="muted sync-intro">{t('sync.intro')}</p>
        <dl className="sync-status">
          <div>
            <dt>{t('sync.publisherKey')}</dt>
            <dd className="mono" data-testid="sync-key">
              {status?.trustedKeyId ?? t('sync.noKey')}
            </dd>
          </div>
          <div>
            <dt>{t('sync.sequence')}</dt>
            <dd data-testid="sync-sequence" data-sequence={status?.appliedSequence ?? ''}>
              {status?.appliedSequence ?? t('sync.noSequence')}
            </dd>
          </div>
          <div>
            <dt>{t('sync.appliedAt')}</dt>
            <dd data-testid="sync-applied-at">{status?.appliedAt ? new Date(status.appliedAt).toLocaleString(i18n.language) : t('sync.never')}</dd>
          </div>
        </dl>
        {status && !trusted && <p className="notice notice-warn">{t('sync.noKeyHelp')}</p>}
        <form
          className="sync-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (source.trim()) void job.start({ kind: 'sync', source: source.trim() });
          }}
        >
          <label>
            <span>{t('sync.source')}</span>
            <input
              className="mono"
              value={source}
              onChange={(e) => setSource(e.target.value)}
              placeholder={t('sync.sourcePlaceholder')}
              spellCheck={false}
              autoComplete="off"
              data-testid="sync-source"
            />
          </label>
          <button type="submit" className="btn btn-primary" disabled={!trusted || !source.trim() || job.running || !job.canRun} data-testid="sync-start">
            {t('sync.start')}
          </button>
        </form>
        <p className="muted hint">{t('sync.sourceHint')}</p>
        {last && !last.finished && <SyncProgress job={last} onCancel={job.cancel} />}
        {last?.finished && !last.error && Boolean(last.value) && <SyncResult report={last.value as SyncReport} />}
        {error && <SyncError error={error} phase={last?.phase ?? ''} />}
      </div>
    </section>
  );
}
