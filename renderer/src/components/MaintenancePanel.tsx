import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobProgress } from '../../../api/handlers';
import { api } from '../apiClient';

/** Long engine work with progress and cancel. Only the desktop app runs jobs (in its engine process). */
export function MaintenancePanel() {
  const { t } = useTranslation();
  const [job, setJob] = useState<JobProgress | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const canRun = Boolean(api.startJob && api.onProgress);

  useEffect(() => api.onProgress?.((p) => setJob((current) => (!current || current.jobId === p.jobId ? p : current))), []);

  const start = async () => {
    setStartError(null);
    const r = await api.startJob!('index-missing');
    if (r.ok) setJob({ jobId: r.value.jobId, phase: 'index', done: 0, total: 0 });
    else setStartError(r.error.message);
  };
  const running = job && !job.finished;

  return (
    <fieldset className="maintenance">
      <legend>{t('settings.maintenance')}</legend>
      {!canRun && <p className="muted hint">{t('settings.desktopOnly')}</p>}
      {canRun && (
        <div className="form-actions">
          <button type="button" className="btn" disabled={Boolean(running)} onClick={() => void start()}>
            {t('settings.indexMissing')}
          </button>
          {running && (
            <>
              <progress max={job.total || 1} value={job.done} aria-label={t('settings.indexing', { done: job.done, total: job.total })} />
              <span className="mono">{t('settings.indexing', { done: job.done, total: job.total })}</span>
              <button type="button" className="btn btn-small" onClick={() => void api.cancel?.(job.jobId)}>
                {t('settings.cancel')}
              </button>
            </>
          )}
          {job?.finished && <span role="status">{job.error ? t('settings.jobFailed', { message: job.error.message }) : t('settings.jobDone')}</span>}
          {startError && <span role="alert">{t('settings.jobFailed', { message: startError })}</span>}
        </div>
      )}
    </fieldset>
  );
}
