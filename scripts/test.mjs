#!/usr/bin/env node
// `npm test`: type-check, import-matrix lint, unit + integration tests, then end-to-end tests in
// headless Chromium. Installs Debian's Chromium and a CJK font first when they are missing (CI runs as root).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const results = [];

function step(name, cmd, args, { env } = {}) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name}: ${[cmd, ...args].join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  results.push(`${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${seconds} s)`);
  if (r.status !== 0) finish(1);
}

function vitest(name, args) {
  const out = join(mkdtempSync(join(tmpdir(), 'marksight-test-')), 'report.json');
  step(name, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  return out;
}

function counts(reportFile) {
  if (!existsSync(reportFile)) return { passed: 0, failed: 0 };
  const r = JSON.parse(readFileSync(reportFile, 'utf8'));
  return { passed: r.numPassedTests, failed: r.numFailedTests };
}

function finish(code) {
  process.stdout.write(`\n=== summary\n${results.join('\n')}\n`);
  process.exit(code);
}

/** A CJK font: the OCR test renders Chinese with it, and without it the zh-CN screenshots show empty boxes. */
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

function ensureSystemPackages() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!existsSync(CJK_FONT)) missing.push('fonts-wqy-microhei');
  if (missing.length === 0) return;
  process.stdout.write(`installing Debian ${missing.join(' ')} for the OCR and end-to-end tests\n`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0 || !existsSync(CHROMIUM)) {
    process.stderr.write(`could not install ${missing.join(' ')} (apt-get install -y ...); the tests need it\n`);
    finish(1);
  }
}

const e2e = existsSync('vitest.e2e.config.ts');
step('typecheck', 'npx', ['tsc', '-p', '.']);
for (const project of ['renderer/tsconfig.json', 'test/e2e/tsconfig.json', 'electron/tsconfig.json']) {
  if (existsSync(project)) step(`typecheck ${project}`, 'npx', ['tsc', '-p', project]);
}
step('lint (import matrix)', 'npx', ['depcruise', '--config', '.dependency-cruiser.cjs', 'api', 'core', 'db', 'cli', 'server', 'electron', 'renderer', 'bench', 'demo']);
// before any test: a fresh machine has neither the font the OCR test renders Chinese with nor Chromium
ensureSystemPackages();
const unit = counts(vitest('unit + integration', []));
let total = unit;
if (e2e) {
  const ui = counts(vitest('e2e (web mode, Chromium)', ['--config', 'vitest.e2e.config.ts']));
  total = { passed: unit.passed + ui.passed, failed: unit.failed + ui.failed };
}
process.stdout.write(`\ntests: ${total.passed} passed, ${total.failed} failed\n`);
finish(total.failed ? 1 : 0);
