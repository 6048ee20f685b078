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
    // Each test file opens its own database; on PGlite that is an in-process engine per file.
    fileParallelism: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  },
});
