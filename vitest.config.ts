import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // Two cores here and in CI: more workers only add contention.
    maxWorkers: 2,
    // A worker runs its test files one after another in one module graph: importing the model again for
    // each of the ~100 files cost about 30 s of the suite's CPU. The tests keep no state in shared modules
    // (a helper's temporary folder is made per test file, see malformedHelpers.ts); spies are restored.
    isolate: false,
    testTimeout: 60_000,
    // Set-up hooks run sweeps and launch Chromium; on a busy CI machine that outlasts vitest's 10 s default.
    hookTimeout: 120_000,
  },
});
