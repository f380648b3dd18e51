#!/usr/bin/env node
// Bundles the Electron side into dist/electron: main.mjs (ESM), engineHost.mjs (ESM, the utility
// process), verifierWorker.mjs (the engine's verification thread) and preload.cjs (CommonJS: a sandboxed
// preload cannot load ES modules). npm packages stay external (native modules load from node_modules); our TypeScript is bundled. dist/electron sits two
// levels below the root like core/<x>/, so core's `new URL('../../models', import.meta.url)` still resolves.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
// --outdir dist/<name> (tests build side by side); it must stay two levels below the root
const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist/electron' } } });
const out = values.outdir;
if (!/^dist\/[\w.-]+$/.test(out)) throw new Error(`--outdir must be dist/<name>, not ${out}`);
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], format: 'esm', outfile: `${out}/main.mjs` }),
  build({ ...common, entryPoints: ['electron/engineHost.ts'], format: 'esm', outfile: `${out}/engineHost.mjs` }),
  // the engine starts it as `new URL('./verifierWorker.mjs', import.meta.url)`: beside the bundled host here
  build({ ...common, entryPoints: ['core/verify/verifierWorker.ts'], format: 'esm', outfile: `${out}/verifierWorker.mjs` }),
  build({ ...common, entryPoints: ['electron/preload.ts'], format: 'cjs', outfile: `${out}/preload.cjs`, external: ['electron'] }),
]);
console.log(`built ${out} (main.mjs, engineHost.mjs, verifierWorker.mjs, preload.cjs)`);
