// Test only: `node --require electron/testing/fakeElectron.cjs dist/electron/main.mjs` runs the real
// main-process bundle against a stand-in 'electron' module (fakeElectronModule.cjs), so its window
// settings, protocol, IPC gate and engine process can be exercised where Electron is not installed.
const Module = require('node:module');
const { join } = require('node:path');

const original = Module._resolveFilename;
Module._resolveFilename = function resolve(request, ...rest) {
  if (request === 'electron') return join(__dirname, 'fakeElectronModule.cjs');
  return original.call(this, request, ...rest);
};
