import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Decision } from '../../api/decisions';
import type { ErrorData } from '../../api/errors';
import { DEFAULT_SETTINGS, MAX_PHOTO_BYTES, type DbStats, type QueryContext, type QueryFilters, type QueryView, type Settings } from '../../api/handlers';
import type { BoxXYWH } from '../../api/query';
import { call, errorData, mode } from './apiClient';
import { ComparePanel } from './components/ComparePanel';
import { ContextFields } from './components/ContextFields';
import { ErrorNotice } from './components/ErrorNotice';
import { HistoryView } from './components/HistoryView';
import { PhotoPanel } from './components/PhotoPanel';
import { PhotoView } from './components/PhotoView';
import { ResultsPanel } from './components/ResultsPanel';
import { SettingsView } from './components/SettingsView';
import { StatusBar } from './components/StatusBar';
import { LANGUAGES, setLanguage, type Language } from './i18n';
import { blobToBase64 } from './imageData';
import { useKeyboard } from './useKeyboard';

type View = 'inspect' | 'history' | 'settings';

interface Photo {
  blob: Blob;
  name: string | null;
  url: string;
  natural: { width: number; height: number } | null;
}

function base64ToBlob(b64: string, type: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

const queryIdFromHash = () => Number(/^#q=(\d+)$/.exec(location.hash)?.[1] ?? 0) || null;

export function App() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>('inspect');
  const [stats, setStats] = useState<DbStats | null>(null);
  const [offline, setOffline] = useState(false);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [query, setQuery] = useState<QueryView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const [errorFile, setErrorFile] = useState<string | null>(null);
  const [crop, setCrop] = useState<BoxXYWH | null>(null);
  const [context, setContext] = useState<QueryContext>({});
  const [filters, setFilters] = useState<QueryFilters>({});
  const [selected, setSelected] = useState(0);
  const [deciding, setDeciding] = useState(false);
  const [lastQueryMs, setLastQueryMs] = useState<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const startedAt = useRef<number | null>(null);
  const requestSeq = useRef(0);

  // --- startup: settings (language) and database status
  useEffect(() => {
    call('settings-get', undefined).then(
      (s) => {
        setSettings(s);
        if (s.language !== i18n.language) setLanguage(s.language);
      },
      () => setOffline(true),
    );
    call('db-stats', undefined).then(setStats, () => setOffline(true));
    const id = queryIdFromHash();
    if (id) void openQuery(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const replacePhoto = (next: Photo | null) => {
    setPhoto((old) => {
      if (old && old.url !== next?.url) URL.revokeObjectURL(old.url);
      return next;
    });
  };

  // --- the query itself
  const runQuery = useCallback(
    async (blob: Blob, name: string | null, cropBox: BoxXYWH | null) => {
      const seq = ++requestSeq.current;
      setError(null);
      setErrorFile(name);
      if (blob.size > MAX_PHOTO_BYTES) {
        setError({ name: 'ImageTooLargeError', code: 'IMAGE_TOO_LARGE', message: `${blob.size} bytes` });
        return;
      }
      setBusy(true);
      try {
        const photoBase64 = await blobToBase64(blob);
        const result = await call('query-photo', { photoBase64, fileName: name ?? undefined, crop: cropBox ?? undefined, context, top: settings.top });
        if (seq !== requestSeq.current) return;
        setQuery(result);
        setSelected(0);
        history.replaceState(null, '', `#q=${result.queryId}`);
      } catch (err) {
        if (seq !== requestSeq.current) return;
        setError(errorData(err));
        setQuery(null);
        replacePhoto(null);
        startedAt.current = null;
      } finally {
        if (seq === requestSeq.current) setBusy(false);
      }
    },
    [context, settings.top],
  );

  const givePhoto = useCallback(
    (blob: Blob, name: string | null) => {
      startedAt.current = performance.now();
      setView('inspect');
      setCrop(null);
      setQuery(null);
      replacePhoto({ blob, name, url: URL.createObjectURL(blob), natural: null });
      void runQuery(blob, name, null);
    },
    [runQuery],
  );

  // results shown: measure photo-given -> results painted
  useEffect(() => {
    if (!query || startedAt.current === null) return;
    const t0 = startedAt.current;
    startedAt.current = null;
    requestAnimationFrame(() => setLastQueryMs(performance.now() - t0));
  }, [query]);

  async function openQuery(queryId: number) {
    setError(null);
    setErrorFile(null);
    setBusy(true);
    try {
      const [v, img] = await Promise.all([call('query-get', { queryId }), call('query-photo-image', { queryId })]);
      const blob = base64ToBlob(img.pngBase64, 'image/png');
      replacePhoto({ blob, name: v.fileName ?? null, url: URL.createObjectURL(blob), natural: null });
      setQuery(v);
      setContext(v.context ?? {});
      setCrop(null);
      setSelected(0);
      setView('inspect');
      history.replaceState(null, '', `#q=${queryId}`);
    } catch (err) {
      setError(errorData(err));
    } finally {
      setBusy(false);
    }
  }

  // --- what the grid shows
  const shown = useMemo(() => {
    if (!query) return [];
    const holder = filters.holder?.trim().toLowerCase();
    return query.results.filter(
      (m) =>
        m.score >= settings.minScore &&
        (!filters.niceClass || m.niceClasses.includes(filters.niceClass)) &&
        (!filters.status || m.status === filters.status) &&
        (!holder || (m.holder ?? '').toLowerCase().includes(holder)),
    );
  }, [query, filters, settings.minScore]);
  const current = shown[selected] ?? null;

  // displayed photo pixels per query-photo pixel (the reopened history photo is a smaller copy)
  const scale = photo?.natural && query ? photo.natural.width / query.photo.width : 1;
  const matchBox: BoxXYWH | null = current?.box ? (current.box.map((v) => v * scale) as BoxXYWH) : null;
  const bestRegion: BoxXYWH | null =
    current?.region && query && !(current.region[2] >= query.photo.width && current.region[3] >= query.photo.height)
      ? (current.region.map((v) => v * scale) as BoxXYWH)
      : null;
  const region = matchBox ?? bestRegion ?? crop ?? null;

  const decide = useCallback(
    async (decision: Decision, note?: string) => {
      if (!query || !current) return;
      setDeciding(true);
      try {
        await call('decision-record', { queryId: query.queryId, markId: current.markId, decision, note: note || undefined });
        setQuery((q) => q && { ...q, results: q.results.map((m) => (m.markId === current.markId ? { ...m, decision } : m)) });
      } catch (err) {
        setError(errorData(err));
      } finally {
        setDeciding(false);
      }
    },
    [query, current],
  );

  const pasteFromClipboard = async () => {
    setErrorFile(null);
    try {
      for (const item of await navigator.clipboard.read()) {
        const type = item.types.find((ty) => ty.startsWith('image/'));
        if (type) return givePhoto(await item.getType(type), null);
      }
      setError({ name: 'ClipboardError', code: 'CLIPBOARD', message: t('photo.pasteEmpty') });
    } catch {
      setError({ name: 'ClipboardError', code: 'CLIPBOARD', message: t('photo.pasteDenied') });
    }
  };

  // Ctrl+V anywhere (outside text fields) gives the pasted image
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
      if (file) {
        e.preventDefault();
        givePhoto(file, file.name && file.name !== 'image.png' ? file.name : null);
      }
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [givePhoto]);

  useKeyboard({
    open: () => fileInput.current?.click(),
    next: () => setSelected((i) => Math.min(i + 1, Math.max(shown.length - 1, 0))),
    previous: () => setSelected((i) => Math.max(i - 1, 0)),
    decide: (n) => view === 'inspect' && void decide((['suspected_infringement', 'not_infringing', 'needs_confirmation'] as const)[n - 1]),
  });

  const changeLanguage = async (lang: Language) => {
    setLanguage(lang);
    try {
      setSettings(await call('settings-set', { language: lang }));
    } catch (err) {
      setError(errorData(err));
    }
  };

  const saveSettings = async (s: Settings) => {
    const next = await call('settings-set', s);
    setSettings(next);
    if (next.language !== i18n.language) setLanguage(next.language);
  };

  const cropInQueryPixels = (box: BoxXYWH | null) => (box ? (box.map((v) => Math.round(v / scale)) as BoxXYWH) : null);

  return (
    <div
      className="app"
      onDragOver={(e) => {
        if ([...e.dataTransfer.types].includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        // a photo dropped anywhere in the window (history, settings too) starts an inspection
        const file = e.dataTransfer.files[0];
        if (!file) return;
        e.preventDefault();
        givePhoto(file, file.name);
      }}
    >
      <header className="topbar">
        <div className="brand">
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
            <path d="M15 15l6 6" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
          </svg>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tag">{t('app.tagline')}</span>
        </div>
        <nav className="tabs" aria-label="MarkSight">
          {(['inspect', 'history', 'settings'] as const).map((v) => (
            <button key={v} type="button" className={`tab${view === v ? ' active' : ''}`} aria-current={view === v ? 'page' : undefined} onClick={() => setView(v)} data-testid={`nav-${v}`}>
              {t(`nav.${v}`)}
            </button>
          ))}
        </nav>
        <div className="topbar-right">
          <span className="mode-badge">{mode === 'web' ? t('app.modeWeb') : t('app.modeDesktop')}</span>
          <label className="lang">
            <span className="sr-only">{t('app.language')}</span>
            <select value={i18n.language} onChange={(e) => void changeLanguage(e.target.value as Language)} data-testid="language" aria-label={t('app.language')}>
              {LANGUAGES.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>

      <input
        ref={fileInput}
        type="file"
        accept="image/*,.svg,.tif,.tiff"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) givePhoto(f, f.name);
          e.target.value = '';
        }}
      />

      <main className={`workspace view-${view}`}>
        {view === 'inspect' && (
          <>
            <PhotoPanel
              photo={
                photo ? (
                  <PhotoView
                    src={photo.url}
                    natural={photo.natural}
                    onLoad={(natural) => setPhoto((p) => p && { ...p, natural })}
                    onError={() => undefined}
                    crop={crop}
                    matchBox={matchBox}
                    onCrop={(box) => {
                      setCrop(box);
                      startedAt.current = performance.now();
                      void runQuery(photo.blob, photo.name, cropInQueryPixels(box));
                    }}
                  />
                ) : null
              }
              cropActive={crop !== null}
              onFile={givePhoto}
              onOpen={() => fileInput.current?.click()}
              onPaste={() => void pasteFromClipboard()}
              onClearCrop={() => {
                setCrop(null);
                if (photo) void runQuery(photo.blob, photo.name, null);
              }}
              onNewPhoto={() => {
                replacePhoto(null);
                setQuery(null);
                setCrop(null);
                history.replaceState(null, '', '#');
              }}
            >
              {error && <ErrorNotice error={error} fileName={errorFile} onDismiss={() => setError(null)} />}
              <ContextFields
                value={context}
                onChange={setContext}
                canSearch={Boolean(photo) && !busy}
                onSearch={() => photo && void runQuery(photo.blob, photo.name, cropInQueryPixels(crop))}
              />
            </PhotoPanel>
            <ResultsPanel
              query={query}
              shown={shown}
              busy={busy}
              selected={selected}
              strongScore={settings.strongScore}
              filters={filters}
              onFilters={(f) => {
                setFilters(f);
                setSelected(0);
              }}
              onSelect={setSelected}
            />
            <ComparePanel
              match={current}
              photo={photo?.natural ? { src: photo.url, natural: photo.natural } : null}
              region={region}
              onDecide={(d, note) => void decide(d, note)}
              deciding={deciding}
            />
          </>
        )}
        {view === 'history' && <HistoryView onOpen={(id) => void openQuery(id)} />}
        {view === 'settings' && <SettingsView key={JSON.stringify(settings)} settings={settings} dbPath={stats?.dbPath ?? null} onSave={saveSettings} />}
      </main>

      <StatusBar stats={stats} offline={offline} lastQueryMs={lastQueryMs} />
    </div>
  );
}
