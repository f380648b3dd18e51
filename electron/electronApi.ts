/**
 * The part of Electron's API this app uses, typed locally so `tsc -p .` passes where the electron
 * package is not installed (it cannot download its binary on every machine). Where electron is
 * installed, `npm run typecheck:electron` checks that the real module satisfies these interfaces.
 * The module itself is loaded at run time with require('electron') (see loadElectron).
 */
import { createRequire } from 'node:module';

export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): void;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface BrowserWindowLike {
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): void;
  show(): void;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  webContents: WebContentsLike;
}

export interface BrowserWindowConstructorLike {
  new (options: {
    width: number;
    height: number;
    minWidth: number;
    minHeight: number;
    show: boolean;
    title: string;
    backgroundColor: string;
    autoHideMenuBar: boolean;
    webPreferences: Record<string, unknown> & { preload: string };
  }): BrowserWindowLike;
  getAllWindows(): BrowserWindowLike[];
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (wc: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (wc: unknown, permission: string, requestingOrigin: string) => boolean): void;
  webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

export interface UtilityProcessLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  kill(): boolean;
}

export interface ElectronMain {
  app: {
    whenReady(): Promise<void>;
    on(event: 'window-all-closed' | 'activate' | 'before-quit' | 'second-instance', listener: () => void): void;
    on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): void;
    quit(): void;
    exit(code?: number): void;
    requestSingleInstanceLock(): boolean;
    isPackaged: boolean;
    getPath(name: 'userData'): string;
    getAppPath(): string;
  };
  BrowserWindow: BrowserWindowConstructorLike;
  protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  session: { defaultSession: SessionLike };
  ipcMain: {
    handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown): void;
  };
  utilityProcess: {
    fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore' }): UtilityProcessLike;
  };
}

export interface ElectronPreload {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
    removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  };
}

/** The utility process side: Electron gives the forked script `process.parentPort`. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export function loadElectron<T>(): T {
  return createRequire(import.meta.url)('electron') as T;
}
