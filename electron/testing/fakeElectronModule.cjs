// A stand-in for the parts of Electron that electron/main.ts uses (see electron/electronApi.ts).
// Once the app has created its window, it drives a scripted check and prints one JSON line
// `FAKE_ELECTRON_REPORT {...}` for electron/main.integration.test.ts, then quits.
const { fork } = require('node:child_process');
const { join } = require('node:path');

const state = { windows: [], protocolHandlers: {}, privileged: [], ipc: {}, webContentsListeners: [], session: {} };

function makeWebContents() {
  const listeners = {};
  return {
    listeners,
    openHandler: null,
    on(event, listener) {
      (listeners[event] ??= []).push(listener);
    },
    setWindowOpenHandler(handler) {
      this.openHandler = handler;
    },
    send() {},
    isDestroyed: () => false,
  };
}

const appListeners = {};
const app = {
  isPackaged: false,
  whenReady: () => Promise.resolve(),
  requestSingleInstanceLock() {
    state.singleInstanceLock = true;
    return true;
  },
  exit: (code) => process.exit(code),
  on(event, listener) {
    (appListeners[event] ??= []).push(listener);
  },
  quit() {
    for (const l of appListeners['before-quit'] ?? []) l();
    setTimeout(() => process.exit(0), 50);
  },
  getPath: () => '/tmp',
  getAppPath: () => process.cwd(),
};

class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.webContents = makeWebContents();
    for (const l of appListeners['web-contents-created'] ?? []) l({}, this.webContents);
    state.windows.push(this);
  }
  static getAllWindows() {
    return state.windows;
  }
  once() {}
  show() {}
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  async loadURL(url) {
    this.url = url;
    setTimeout(() => void runChecks(this), 0);
  }
}

const protocol = {
  registerSchemesAsPrivileged(schemes) {
    state.privileged.push(...schemes);
  },
  handle(scheme, handler) {
    state.protocolHandlers[scheme] = handler;
  },
};

const session = {
  defaultSession: {
    setPermissionRequestHandler(h) {
      state.session.permissionRequest = h;
    },
    setPermissionCheckHandler(h) {
      state.session.permissionCheck = h;
    },
    webRequest: {
      onBeforeRequest(l) {
        state.session.beforeRequest = l;
      },
      onHeadersReceived(l) {
        state.session.headersReceived = l;
      },
    },
  },
};

const ipcMain = {
  handle(channel, listener) {
    state.ipc[channel] = listener;
  },
};

const utilityProcess = {
  fork(modulePath, args) {
    const child = fork(modulePath, args, { execArgv: ['--import', join(__dirname, 'fakeParentPort.mjs')], stdio: 'inherit' });
    return {
      postMessage: (m) => child.send(m),
      on: (event, listener) => child.on(event, listener),
      kill: () => child.kill(),
    };
  },
};

async function runChecks(win) {
  const report = { url: win.url, webPreferences: { ...win.options.webPreferences, preload: undefined }, preload: win.options.webPreferences.preload };
  report.privileged = state.privileged;
  report.singleInstanceLock = state.singleInstanceLock === true;
  report.secondInstanceHandled = (appListeners['second-instance'] ?? []).length === 1;
  const page = await state.protocolHandlers.app(new Request(win.url));
  report.index = { status: page.status, csp: page.headers.get('content-security-policy'), type: page.headers.get('content-type') };
  const outside = await state.protocolHandlers.app(new Request('app://marksight/../../../etc/passwd'));
  report.outsideBody = (await outside.text()).slice(0, 40);

  const nav = (url) => {
    let prevented = false;
    for (const l of win.webContents.listeners['will-navigate'] ?? []) l({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  report.navigationPrevented = { remote: nav('https://example.com/'), app: nav('app://marksight/index.html') };
  report.windowOpen = win.webContents.openHandler({ url: 'https://example.com/' });

  const cancel = (url) => new Promise((resolve) => state.session.beforeRequest({ url }, (r) => resolve(r.cancel)));
  report.requestCancelled = { remote: await cancel('https://example.com/x.js'), app: await cancel('app://marksight/assets/a.js') };
  const permission = (p, url) => new Promise((resolve) => state.session.permissionRequest({}, p, resolve, { requestingUrl: url }));
  report.permissions = { media: await permission('media', 'app://marksight/'), geolocation: await permission('geolocation', 'app://marksight/') };

  const call = state.ipc['marksight:call'];
  report.fromApp = await call({ senderFrame: { url: 'app://marksight/index.html' } }, 'db-stats', undefined);
  report.fromElsewhere = await call({ senderFrame: { url: 'https://example.com/' } }, 'db-stats', undefined);
  report.unknownHandler = await call({ senderFrame: { url: 'app://marksight/index.html' } }, 'drop-tables', {});
  console.log(`FAKE_ELECTRON_REPORT ${JSON.stringify(report)}`);
  app.quit();
}

module.exports = { app, BrowserWindow, protocol, session, ipcMain, utilityProcess };
