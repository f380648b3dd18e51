/**
 * The preload: the only bridge between the sandboxed page and the app. It exposes exactly the typed
 * MarkSightApi (api/handlers.ts) as window.marksight, and nothing of Node or Electron itself.
 * Bundled to CommonJS (sandboxed preloads cannot load ES modules or other files).
 */
import type { JobProgress, MarkSightApi } from '../api/handlers';
import type { ElectronPreload } from './electronApi';
import { IPC } from './engineProtocol';

const { contextBridge, ipcRenderer } = require('electron') as ElectronPreload;

const api: Required<MarkSightApi> = {
  call: (name, args) => ipcRenderer.invoke(IPC.call, name, args) as ReturnType<MarkSightApi['call']>,
  onProgress(listener) {
    const forward = (_event: unknown, p: unknown) => listener(p as JobProgress);
    ipcRenderer.on(IPC.progress, forward);
    return () => ipcRenderer.removeListener(IPC.progress, forward);
  },
  cancel: async (jobId) => {
    await ipcRenderer.invoke(IPC.cancel, jobId);
  },
  startJob: (job) => ipcRenderer.invoke(IPC.startJob, job) as ReturnType<Required<MarkSightApi>['startJob']>,
};

contextBridge.exposeInMainWorld('marksight', api);
