import { defineConfig } from 'vitest/config';

/**
 * Unit tests are the pure and single-module ones; integration tests (`*.int.test.ts`)
 * cross modules, open databases and servers. Both sit next to the code they test.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,server,electron,renderer,scripts,tests}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{shared,server,electron,renderer,scripts,tests}/**/*.int.test.ts'],
          exclude: ['node_modules/**', 'tests/e2e/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
    ],
  },
});
