import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The workspace packages expose their TypeScript sources under the "source" condition, so tests
  // run against src/ without a build.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    pool: 'forks',
    // A worker runs its files one after another in one module graph instead of importing the
    // server, the database layer and their dependencies again for every file: a third of the
    // suite's CPU time on PGlite. Every test file opens its own database and app, and no test
    // changes globals (environment, timers, module mocks), so the files stay independent.
    isolate: false,
    // Each test file opens its own database; on PGlite that is an in-process engine per file.
    fileParallelism: true,
    // Two files at a time even on two cores (vitest's default there is one): most files spend
    // their time waiting for PostgreSQL, a server process or Chromium, not on the worker's CPU.
    maxWorkers: 2,
    // Guards against a hang, not a speed target: browser and process tests on a loaded 2-core CI
    // machine have come within a few seconds of 30 s.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    restoreMocks: true,
  },
});
