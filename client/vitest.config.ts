import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Unit tests of the client's plain modules (no DOM needed): `npx vitest run --config client/vitest.config.ts`. */
export default defineConfig({
  // Keep Vite's cache in the project's one node_modules, not a second one under client/.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/client-unit', import.meta.url)),
  resolve: {
    alias: {
      '@mediation/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
    },
  },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['test/**/*.test.ts'],
  },
});
