import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (foo.test.ts); slow ones are *.integration.test.ts; e2e has its own config.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'test/e2e/**', 'renderer/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
