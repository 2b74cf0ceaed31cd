/**
 * The one set of time budgets every test waits within. Tests wait for signals (a server's
 * URL and /healthz, a row on screen, a job's outcome), never for a duration; a budget only
 * bounds how long a signal may take before the wait gives up and says what it waited for.
 *
 * The figures are for a shared 2-core machine running other work at the same time, where
 * a step that takes 2 s on a quiet machine has been seen to take 30 s. They are upper
 * bounds, so on a quiet machine nothing waits longer for them: a passing run is as fast as
 * before, and only a failing wait is slow to fail.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A process or server becoming ready: started, migrated, seeded, listening, healthy. */
export const READY_BUDGET_MS = 5 * MINUTE;

/** Any other wait for a signal: a background job's outcome, a row written, a poll. */
export const SIGNAL_BUDGET_MS = 5 * MINUTE;

/**
 * One screen update in the browser (Playwright's `expect` timeout). Smaller than the signal
 * budget so a real failure fails within a minute, yet far above what a loaded machine needs.
 */
export const SCREEN_BUDGET_MS = 1 * MINUTE;

/** One integration or e2e test, or one of their hooks: an upper bound, never a target. */
export const TEST_BUDGET_MS = 15 * MINUTE;

/** One unit test or hook: pure code, but property tests run many cases on a loaded CPU. */
export const UNIT_TEST_BUDGET_MS = 2 * MINUTE;

/** A graceful stop (requests and work in hand finished) before the process is killed. */
export const STOP_BUDGET_MS = 1 * MINUTE;

/** The whole `npm test`: past this, tests/run.ts stops the step in hand and reports. */
export const RUN_BUDGET_MS = 60 * MINUTE;
