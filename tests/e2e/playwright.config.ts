import { defineConfig } from '@playwright/test';
import { SCREEN_BUDGET_MS, TEST_BUDGET_MS } from '../support/budgets';
import { CHROMIUM_ARGS, chromiumPath } from './web-mode';

/**
 * End-to-end tests of the console in web mode, in the system's Chromium (never a downloaded one).
 * Budgets come from tests/support/budgets.ts: a test's and a hook's (starting servers within it,
 * each waiting for its own readiness signal) is an upper bound for a loaded 2-core machine;
 * `expect` waits for one screen update.
 *
 * Two workers, each with its own web-mode backend (tests/e2e/fixtures.ts): a spec file's tests
 * run in order in one worker, and the two workers never share data. A test mostly waits on the
 * browser or the server, so two of them keep two cores busier than one does.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results',
  workers: 2,
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
