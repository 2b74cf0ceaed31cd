import { defineConfig } from '@playwright/test';
import { SCREEN_BUDGET_MS, TEST_BUDGET_MS } from '../support/budgets';
import { CHROMIUM_ARGS, chromiumPath } from './web-mode';

/**
 * End-to-end tests of the console in web mode, in the system's Chromium (never a downloaded one).
 * Budgets come from tests/support/budgets.ts: a test's and a hook's (starting servers within it,
 * each waiting for its own readiness signal) is an upper bound for a loaded 2-core machine;
 * `expect` waits for one screen update.
 *
 * Each worker has its own web-mode backend (tests/e2e/fixtures.ts). One worker: on two cores a
 * second one made the step slower (479 s against 423 s), since the browser and the server
 * already keep both cores busy.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: TEST_BUDGET_MS,
  expect: { timeout: SCREEN_BUDGET_MS },
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
});
