import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@mediation/shared': path.resolve('shared/src/index.ts') },
  },
  test: {
    include: ['test/**/*.test.ts', 'client/test/**/*.test.ts'],
    // Integration and browser tests each start a real service with a real media worker;
    // on two cores they run one file at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
