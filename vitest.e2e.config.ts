import { defineConfig } from 'vitest/config';

// End-to-end: the real server (web mode) on a free port, a real database built from real logos, and
// Debian's Chromium driven by playwright-core. One file at a time: the machine has two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
    // a query can take seconds on a busy 2-core machine: wait for the UI, not the default 1 s
    expect: { poll: { timeout: 20_000, interval: 50 } },
  },
});
