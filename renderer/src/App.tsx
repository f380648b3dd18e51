import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISIONS, type Decision } from '../../api/decisions';
import { DEFAULT_SETTINGS, type DbStats, type QueryFilters, type Settings } from '../../api/handlers';
import type { SyncStatus } from '../../api/sync';
import type { BoxXYWH } from '../../api/query';
import { call, errorData } from './apiClient';
import { ComparePanel } from './components/ComparePanel';
import { ContextFields } from './components/ContextFields';
import { ErrorNotice } from './components/ErrorNotice';
import { HistoryView } from './components/HistoryView';
import { PhotoPanel } from './components/PhotoPanel';
import { PhotoView } from './components/PhotoView';
import { ResultsPanel } from './components/ResultsPanel';
import { SettingsView } from './components/SettingsView';
import { StatusBar } from './components/StatusBar';
import { SyncView } from './components/SyncView';
import { TopBar, type View } from './components/TopBar';
import { setLanguage, type Language } from './i18n';
import { useInspection, queryIdFromHash } from './useInspection';
import { forgetCatalogueCache } from './catalogueCache';
import { useJob } from './useJob';
import { useKeyboard } from './useKeyboard';

const scaleBox = (box: BoxXYWH, s: number) => box.map((v) => v * s) as BoxXYWH;

export function App() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>('inspect');
  const [stats, setStats] = useState<DbStats | null>(null);
  const [offline, setOffline] = useState(false);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [filters, setFilters] = useState<QueryFilters>({});
  const [selected, setSelected] = useState(0);
  const [deciding, setDeciding] = useState(false);
  const [note, setNote] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const insp = useInspection({ top: settings.top });
  const [syncStatus, setSyncStatus] = useState<SyncStatus | null>(null);
  const refreshSyncStatus = () => void call('sync-status', undefined).then(setSyncStatus, () => undefined);
  const refreshStats = () => void call('db-stats', undefined).then(setStats, () => setOffline(true));
  // a sync (applied, rejected or cancelled) changes what the sync panel and the status bar show
  const syncJob = useJob(() => {
    forgetCatalogueCache();
    refreshSyncStatus();
    refreshStats();
  });
  // indexing from Settings: followed here, so the panel keeps it across redraws, and the status bar counts refresh after
  const indexJob = useJob(refreshStats);
  const { photo, query } = insp;

  // startup: settings (language), database status, and the query in the URL after a reload
  useEffect(() => {
    call('settings-get', undefined).then(
      (s) => {
        setSettings(s);
        if (s.language !== i18n.language) setLanguage(s.language);
      },
      () => setOffline(true),
    );
    refreshStats();
    refreshSyncStatus();
    const id = queryIdFromHash();
    if (id) void insp.openQuery(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => setSelected(0), [query?.queryId]);

  const givePhoto = (blob: Blob, name: string | null) => {
    setView('inspect');
    insp.givePhoto(blob, name);
  };

  // what the grid shows: the client-side filters and the score floor from settings
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
  useEffect(() => setNote(''), [current?.markId]);

  // displayed photo pixels per query pixel (a reopened query shows a smaller stored copy)
  const scale = photo?.natural && query ? photo.natural.width / query.photo.width : 1;
  const matchBox = current?.box ? scaleBox(current.box, scale) : null;
  const wholePhoto = query && current?.region && current.region[2] >= query.photo.width && current.region[3] >= query.photo.height;
  const bestRegion = current?.region && !wholePhoto ? scaleBox(current.region, scale) : null;
  // a mark brought in by its name read in the photo is where that line was read, not where its picture matched best
  const nameLine = current?.explanation?.foundBy === 'text' ? query?.text?.find((l) => l.text === current.explanation!.textRead) : undefined;
  const textBox = nameLine ? scaleBox(nameLine.box, scale) : null;
  const region = matchBox ?? textBox ?? bestRegion ?? insp.crop ?? null;

  // one decision at a time: a held key or a double click must not record the same decision twice
  const decide = async (decision: Decision) => {
    if (!current || deciding) return;
    setDeciding(true);
    await insp.recordDecision(current.markId, decision, note);
    setDeciding(false);
  };

  const pasteFromClipboard = async () => {
    try {
      for (const item of await navigator.clipboard.read()) {
        const type = item.types.find((ty) => ty.startsWith('image/'));
        if (type) return givePhoto(await item.getType(type), null);
      }
      insp.reportError({ name: 'ClipboardError', code: 'CLIPBOARD', message: t('photo.pasteEmpty') });
    } catch {
      insp.reportError({ name: 'ClipboardError', code: 'CLIPBOARD', message: t('photo.pasteDenied') });
    }
  };

  // Ctrl+V anywhere outside a text field gives the pasted image
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
  });

  useKeyboard({
    open: () => fileInput.current?.click(),
    next: () => setSelected((i) => Math.min(i + 1, Math.max(shown.length - 1, 0))),
    previous: () => setSelected((i) => Math.max(i - 1, 0)),
    decide: (n) => view === 'inspect' && void decide(DECISIONS[n - 1]),
  });

  const changeLanguage = async (lang: Language) => {
    setLanguage(lang);
    try {
      setSettings(await call('settings-set', { language: lang }));
    } catch (err) {
      insp.reportError(errorData(err));
    }
  };

  const saveSettings = async (s: Settings) => {
    const next = await call('settings-set', s);
    setSettings(next);
    if (next.language !== i18n.language) setLanguage(next.language);
  };

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
      <TopBar view={view} onView={setView} onLanguage={(lang) => void changeLanguage(lang)} />

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
                    onLoad={insp.setPhotoNatural}
                    onError={() => undefined}
                    crop={insp.crop}
                    matchBox={matchBox}
                    onCrop={(box) => insp.searchRegion(box, scale)}
                  />
                ) : null
              }
              cropActive={insp.crop !== null}
              onFile={givePhoto}
              onOpen={() => fileInput.current?.click()}
              onPaste={() => void pasteFromClipboard()}
              onClearCrop={() => insp.searchRegion(null, scale)}
              onNewPhoto={insp.clear}
            >
              {insp.error && <ErrorNotice error={insp.error} fileName={insp.errorFile} onDismiss={() => insp.reportError(null)} />}
              <ContextFields
                value={insp.context}
                onChange={insp.setContext}
                canSearch={Boolean(photo) && !insp.busy}
                onSearch={() => insp.searchRegion(insp.crop, scale)}
              />
            </PhotoPanel>
            <ResultsPanel
              query={query}
              shown={shown}
              busy={insp.busy}
              selected={selected}
              strongScore={settings.strongScore}
              filters={filters}
              onFilters={(f) => {
                setFilters(f);
                setSelected(0);
              }}
              onSelect={setSelected}
              onOpenQuery={(id) => void insp.openQuery(id)}
            />
            <ComparePanel
              match={current}
              photo={photo?.natural ? { src: photo.url, natural: photo.natural } : null}
              region={region}
              note={note}
              onNote={setNote}
              onDecide={(d) => void decide(d)}
              deciding={deciding}
            />
          </>
        )}
        {view === 'history' && (
          <HistoryView
            onOpen={(id) => {
              setView('inspect');
              void insp.openQuery(id);
            }}
          />
        )}
        {view === 'sync' && <SyncView status={syncStatus} job={syncJob} />}
        {view === 'settings' && <SettingsView key={JSON.stringify(settings)} settings={settings} dbPath={stats?.dbPath ?? null} onSave={saveSettings} indexJob={indexJob} />}
      </main>

      <StatusBar stats={stats} offline={offline} lastQueryMs={insp.lastQueryMs} />
    </div>
  );
}
