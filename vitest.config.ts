import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // 2 cores: two test files at a time; Chromium-driven files are the heaviest.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'] },
      },
      {
        // Only the browser tests need the built renderer; build it once for all of them.
        extends: true,
        // A step drives Chromium on software GL: slow when the machine is busy, so a longer default.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 120_000,
          // A poll waits for a state (the file after a save, a drawn frame); under the full suite's
          // load a save sent after a slow frame can take seconds, so 1 s made tests flaky.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
