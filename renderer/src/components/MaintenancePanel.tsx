import { useTranslation } from 'react-i18next';
import type { JobState } from '../useJob';

/**
 * Long engine work with progress and cancel, run as a job in the engine host (desktop and web mode). The job's state
 * lives in the app, so leaving Settings or saving it (which redraws this panel) does not lose sight of a running job.
 */
export function MaintenancePanel({ indexJob }: { indexJob: JobState }) {
  const { t } = useTranslation();
  const { job, startError, running, canRun, start, cancel } = indexJob;
  const stoppedText = (e: { code: string; message: string }) =>
    e.code === 'CANCELLED' ? t('settings.jobCancelled') : e.code === 'JOB_RUNNING' ? t('settings.jobBusy') : t('settings.jobFailed', { message: e.message });
  // vectors first, then the local features verification needs: two passes, each with its own count
  const progressText = (p: { phase: string; done: number; total: number }) =>
    t(p.phase === 'features' ? 'settings.extractingFeatures' : 'settings.indexing', { done: p.done, total: p.total });

  return (
    <fieldset className="maintenance">
      <legend>{t('settings.maintenance')}</legend>
      {!canRun && <p className="muted hint">{t('settings.desktopOnly')}</p>}
      {canRun && (
        <div className="form-actions">
          <button type="button" className="btn" disabled={running} onClick={() => void start({ kind: 'index-missing' })}>
            {t('settings.indexMissing')}
          </button>
          {job && !job.finished && (
            <>
              <progress max={job.total || 1} value={job.done} aria-label={progressText(job)} />
              <span className="mono">{progressText(job)}</span>
              <button type="button" className="btn btn-small" onClick={cancel}>
                {t('settings.cancel')}
              </button>
            </>
          )}
          {job?.finished && <span role="status">{job.error ? stoppedText(job.error) : t('settings.jobDone')}</span>}
          {startError && <span role="alert">{stoppedText(startError)}</span>}
        </div>
      )}
    </fieldset>
  );
}
