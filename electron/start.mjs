#!/usr/bin/env node
// `npm start`: build the renderer and the Electron bundles, then launch Electron where it is
// installed. Electron is an optional dependency whose binary cannot be downloaded everywhere;
// without it, say so and point at web mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

let electronBinary = null;
try {
  electronBinary = require('electron'); // the package's main export is the binary's path
} catch {
  electronBinary = null;
}
if (typeof electronBinary !== 'string' || !existsSync(electronBinary)) {
  console.error(`MarkSight desktop: Electron is not installed on this machine (the optional dependency
'electron' or its binary is missing), so the desktop window cannot open here.

Use web mode instead — the same UI and API in your browser, on this computer only:

  npm run build:renderer && npm run serve      # then open http://127.0.0.1:4300

To get the desktop app, install Electron where its binary can be downloaded (npm install electron),
or build the installers with electron-builder (see electron-builder.yml).`);
  process.exit(1);
}

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
run(process.execPath, ['electron/build.mjs']);

const child = spawn(electronBinary, ['dist/electron/main.mjs', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
