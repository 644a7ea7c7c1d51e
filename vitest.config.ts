import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql-js for the schema and every library that touches it (instanceof checks).
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite boots a WASM PostgreSQL per test file; keep parallelism to the machine's cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
