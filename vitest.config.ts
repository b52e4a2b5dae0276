import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/patch/**/*.test.ts'],
          // Property tests parse hundreds of files; a shared machine can be slow.
          testTimeout: 60_000,
        },
      },
      {
        // Runs of the built CLI (npm test builds first) in temporary folders.
        test: {
          name: 'cli',
          include: ['test/cli/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        // Real framework apps: installs (cached), builds, production servers, real HTTP.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
