/**
 * Electron main process: one locked-down window on app://marksight, the engine in a utility
 * process, and the typed handler API forwarded over IPC. Built by electron/build.mjs into
 * dist/electron/main.mjs; started by `npm start`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isHandlerName, parseJobRequest } from '../api/handlers';
import { appProtocolHandler } from './appProtocol';
import { loadElectron, type ElectronMain } from './electronApi';
import type { FromEngineHost } from '../api/engineProtocol';
import { EngineClient } from '../core/handlers/engineClient';
import { IPC } from './engineProtocol';
import {
  allowNavigation,
  allowPermission,
  allowRequest,
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  SECURE_WEB_PREFERENCES,
} from './security';

const { app, BrowserWindow, protocol, session, ipcMain, utilityProcess } = loadElectron<ElectronMain>();
const here = import.meta.dirname; // dist/electron
const root = resolve(here, '../..');

const { values } = parseArgs({ options: { db: { type: 'string' } }, allowPositionals: true, strict: false });
const dbPath = resolve(
  (values.db as string | undefined) ??
    process.env.MARKSIGHT_DB ??
    (app.isPackaged ? join(app.getPath('userData'), 'marksight.db') : join(root, 'demo/demo.db')),
);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

// every webContents ever created (windows, devtools) is held to the same rules
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

let engine: EngineClient | null = null;

function startEngine(): EngineClient {
  const child = utilityProcess.fork(join(here, 'engineHost.mjs'), ['--db', dbPath], { serviceName: 'MarkSight engine', stdio: 'inherit' });
  return new EngineClient(
    {
      post: (m) => child.postMessage(m),
      onMessage: (listener) => child.on('message', (m) => listener(m as FromEngineHost)),
      onExit: (listener) => child.on('exit', listener),
      stop: () => void child.kill(),
    },
  );
}

/** Only the app's own page may call the engine. */
function fromApp(event: { senderFrame: { url: string } | null }): boolean {
  return Boolean(event.senderFrame && isAppUrl(event.senderFrame.url));
}

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 680,
    show: false,
    title: 'MarkSight',
    backgroundColor: '#eef1f5',
    autoHideMenuBar: true,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(here, 'preload.cjs') },
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

// one app per device: a second copy would run a second engine on the same database; it hands over to the first
if (!app.requestSingleInstanceLock()) app.exit(0);
app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0];
  if (win?.isMinimized()) win.restore();
  win?.focus();
});

await app.whenReady();

const rendererDir = join(root, 'dist/renderer');
if (!existsSync(join(rendererDir, 'index.html'))) console.error(`marksight: ${rendererDir} is missing: run \`npm run build:renderer\``);
protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));

const ses = session.defaultSession;
ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowRequest(details.url) }));
ses.webRequest.onHeadersReceived((details, callback) =>
  callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }),
);
ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(allowPermission(permission, details.requestingUrl)));
ses.setPermissionCheckHandler((_wc, permission, origin) => allowPermission(permission, origin));

engine = startEngine();
// every job event (progress, then the finished one with its value or error) goes to every window
engine.subscribe((p) => {
  for (const w of BrowserWindow.getAllWindows()) if (!w.webContents.isDestroyed()) w.webContents.send(IPC.progress, p);
});
engine.ready.catch((err: Error) => console.error(`marksight: the engine did not start: ${err.message}`));

const refused = (message: string) => ({ ok: false, error: { name: 'IpcRefusedError', code: 'IPC_REFUSED', message } });

ipcMain.handle(IPC.call, async (event, name, args) => {
  if (!fromApp(event)) return refused('caller is not the MarkSight window');
  if (typeof name !== 'string' || !isHandlerName(name)) return refused(`no handler named ${String(name)}`);
  try {
    return await engine!.call(name, args);
  } catch (err) {
    return { ok: false, error: { name: 'EngineExitedError', code: 'ENGINE_EXITED', message: (err as Error).message } };
  }
});
ipcMain.handle(IPC.startJob, async (event, request) => {
  if (!fromApp(event)) return refused('caller is not the MarkSight window');
  const job = parseJobRequest(request);
  if (!job) return refused(`not a job request: ${JSON.stringify(request)?.slice(0, 200)}`);
  try {
    const { jobId } = await engine!.startJob(job);
    return { ok: true, value: { jobId } };
  } catch (err) {
    return { ok: false, error: { name: 'EngineExitedError', code: 'ENGINE_EXITED', message: (err as Error).message } };
  }
});
ipcMain.handle(IPC.cancel, (event, jobId) => {
  if (fromApp(event) && typeof jobId === 'string') engine!.cancel(jobId);
});

app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => engine?.stop());
app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) void createWindow();
});
await createWindow();
