import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../api/handlers';
import { errorData } from '../apiClient';
import { LANGUAGES, type Language } from '../i18n';
import type { JobState } from '../useJob';
import { MaintenancePanel } from './MaintenancePanel';

export function SettingsView({
  settings,
  dbPath,
  onSave,
  indexJob,
}: {
  settings: Settings;
  dbPath: string | null;
  onSave(s: Settings): Promise<void>;
  indexJob: JobState;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(settings);
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const set = (patch: Partial<Settings>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  return (
    <section className="panel page" aria-labelledby="settings-title">
      <header className="panel-head">
        <h2 id="settings-title">{t('settings.title')}</h2>
      </header>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSaveError(null);
          onSave(draft).then(
            () => setSaved(true),
            (err: unknown) => setSaveError(errorData(err).message),
          );
        }}
      >
        <label>
          <span>{t('settings.language')}</span>
          <select value={draft.language} onChange={(e) => set({ language: e.target.value as Language })} data-testid="settings-language">
            {LANGUAGES.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('settings.top')}</span>
          <input type="number" min={1} max={100} value={draft.top} onChange={(e) => set({ top: Number(e.target.value) })} />
        </label>
        <label>
          <span>{t('settings.minScore')}</span>
          <input type="number" min={0} max={1} step={0.01} value={draft.minScore} onChange={(e) => set({ minScore: Number(e.target.value) })} />
        </label>
        <label>
          <span>{t('settings.strongScore')}</span>
          <input type="number" min={0} max={1} step={0.01} value={draft.strongScore} onChange={(e) => set({ strongScore: Number(e.target.value) })} />
        </label>
        <label>
          <span>{t('settings.database')}</span>
          <input value={dbPath ?? ''} readOnly className="mono" />
        </label>
        <p className="muted hint">{t('settings.databaseHint')}</p>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {t('settings.save')}
          </button>
          {saved && (
            <span role="status" className="ok">
              {t('settings.saved')}
            </span>
          )}
          {saveError && <span role="alert">{t('settings.saveFailed', { message: saveError })}</span>}
        </div>
        <MaintenancePanel indexJob={indexJob} />
      </form>
    </section>
  );
}
