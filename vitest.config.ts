import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // Two cores here and in CI: more workers only add contention.
    maxWorkers: 2,
    testTimeout: 60_000,
    // Set-up hooks run sweeps and launch Chromium; on a busy CI machine that outlasts vitest's 10 s default.
    hookTimeout: 120_000,
  },
});
