import { defineConfig } from 'vitest/config';
import {
  SIGNAL_BUDGET_MS,
  STOP_BUDGET_MS,
  TEST_BUDGET_MS,
  UNIT_TEST_BUDGET_MS,
} from './tests/support/budgets';
import LongFilesFirst from './tests/support/long-files-first';
import { POSTGRES_SUITE } from './tests/support/postgres-suite';

/**
 * Unit tests are the pure and single-module ones; integration tests (`*.int.test.ts`)
 * cross modules, open databases and servers. Both sit next to the code they test.
 *
 * The integration suite runs on SQLite (`integration`) and on PostgreSQL (`integration-pg`):
 * the latter runs every `*.pg.int.test.ts` (PostgreSQL only) and the shared files listed in
 * tests/support/postgres-suite.ts, each test database copied from one migrated template.
 *
 * Every limit comes from tests/support/budgets.ts, sized for a loaded 2-core machine: tests
 * wait for signals, and a budget only bounds a wait that never ends (docs/decisions.md).
 */
const INTEGRATION = '{shared,server,electron,renderer,scripts,tests}/**/*.int.test.ts';

/** What both integration projects share. */
const integration = {
  environment: 'node',
  // One secrets key per test process (webhook signing secrets are sealed at rest).
  setupFiles: 'tests/support/secrets-key-setup.ts',
  // A file's modules stay loaded for the next file in the same worker. Each integration file
  // imports most of the server, and loading it afresh per file was most of the step (collect:
  // 230 s of CPU for 121 files, 31 s without). Files share no state through modules: each
  // opens its own databases and servers, and restores what it changes in process.env.
  poolOptions: { forks: { isolate: false } },
  testTimeout: TEST_BUDGET_MS,
  hookTimeout: TEST_BUDGET_MS,
  expect: { poll: { timeout: SIGNAL_BUDGET_MS } },
} as const;

export default defineConfig({
  test: {
    // Test files run in child processes (the default pool, said out loud): a file that blocks
    // its event loop for long cannot starve the others' messages to the runner.
    pool: 'forks',
    // Worker processes are kept from one test file to the next (vitest decides this for the
    // whole run); whether a file's modules are loaded afresh is each project's own setting.
    poolOptions: { forks: { isolate: false } },
    // At most two files at once on any machine: on two cores a third only adds contention,
    // and the vitest main process needs CPU to answer its workers.
    maxWorkers: 2,
    minWorkers: 1,
    // The longest files start first (a clean clone has no durations cached to order by).
    sequence: { sequencer: LongFilesFirst },
    teardownTimeout: STOP_BUDGET_MS,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,server,electron,renderer,scripts,tests}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          setupFiles: ['tests/support/secrets-key-setup.ts'],
          testTimeout: UNIT_TEST_BUDGET_MS,
          hookTimeout: UNIT_TEST_BUDGET_MS,
          // Unit tests mock modules and fake timers: each file gets its modules afresh.
          poolOptions: { forks: { isolate: true } },
        },
      },
      {
        test: {
          name: 'integration',
          include: [INTEGRATION],
          exclude: ['node_modules/**', 'tests/e2e/**', '**/*.pg.int.test.ts'],
          ...integration,
        },
      },
      {
        test: {
          name: 'integration-pg',
          include: ['{shared,server,electron,renderer,scripts,tests}/**/*.pg.int.test.ts', ...POSTGRES_SUITE],
          exclude: ['node_modules/**', 'tests/e2e/**'],
          env: { TOLLGATE_TEST_DATABASE: 'postgres' },
          globalSetup: ['tests/support/pg-global-setup.ts'],
          ...integration,
        },
      },
    ],
  },
});
