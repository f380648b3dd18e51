import { useTranslation } from 'react-i18next';
import { mode } from '../apiClient';
import { LANGUAGES, type Language } from '../i18n';

export type View = 'inspect' | 'history' | 'sync' | 'settings';

export function TopBar({ view, onView, onLanguage }: { view: View; onView(v: View): void; onLanguage(lang: Language): void }) {
  const { t, i18n } = useTranslation();
  return (
    <header className="topbar">
      <div className="brand">
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
          <path d="M15 15l6 6" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
        </svg>
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tag">{t('app.tagline')}</span>
      </div>
      <nav className="tabs" aria-label={t('app.name')}>
        {(['inspect', 'history', 'sync', 'settings'] as const).map((v) => (
          <button
            key={v}
            type="button"
            className={`tab${view === v ? ' active' : ''}`}
            aria-current={view === v ? 'page' : undefined}
            onClick={() => onView(v)}
            data-testid={`nav-${v}`}
          >
            {t(`nav.${v}`)}
          </button>
        ))}
      </nav>
      <div className="topbar-right">
        <span className="mode-badge">{mode === 'web' ? t('app.modeWeb') : t('app.modeDesktop')}</span>
        <select
          className="lang"
          value={i18n.language}
          onChange={(e) => onLanguage(e.target.value as Language)}
          data-testid="language"
          aria-label={t('app.language')}
        >
          {LANGUAGES.map((l) => (
            <option key={l.id} value={l.id}>
              {l.label}
            </option>
          ))}
        </select>
      </div>
    </header>
  );
}
