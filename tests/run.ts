/**
 * `npm test`: every check the project has, in order, each in its own process, with a
 * pass/fail summary (and each step's seconds) printed last. All steps run even after a
 * failure so one run shows everything that is wrong; e2e needs the build, so it is skipped
 * if the build failed.
 *
 * The run has one deadline (RUN_BUDGET_MS): past it, the step in hand is stopped with
 * everything it started, the rest are skipped, and the summary says so, so a hung step
 * never holds a machine forever. Ctrl+C (SIGINT) or SIGTERM is passed on the same way.
 *
 * `integration-pg` runs the integration suite on PostgreSQL: on the server named by
 * TOLLGATE_TEST_POSTGRES_URL if set (a developer's own), else on a throwaway cluster started
 * for the step and removed after it (tests/support/postgres-cluster.ts).
 */
import { RUN_BUDGET_MS } from './support/budgets';
import { startThrowawayCluster } from './support/postgres-cluster';
import { runStep, summary, type Outcome, type Step } from './support/steps';

const bin = (name: string) => `node_modules/.bin/${name}`;

/** What a step needs around it: added to its environment, and released once it ends. */
interface Surroundings {
  env: Record<string, string>;
  release(): Promise<void>;
}

async function postgresServer(): Promise<Surroundings> {
  if (process.env.TOLLGATE_TEST_POSTGRES_URL) {
    process.stdout.write('on the PostgreSQL server in TOLLGATE_TEST_POSTGRES_URL\n');
    return { env: {}, release: () => Promise.resolve() };
  }
  const started = performance.now();
  const cluster = await startThrowawayCluster();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`on a throwaway PostgreSQL cluster at ${cluster.url} (started in ${seconds} s)\n`);
  return { env: { TOLLGATE_TEST_POSTGRES_URL: cluster.url }, release: () => cluster.stop() };
}

const STEPS: (Step & { around?: () => Promise<Surroundings> })[] = [
  { name: 'format', command: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
  { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'lint', command: bin('eslint'), args: ['.', '--max-warnings', '0'] },
  { name: 'unit', command: bin('vitest'), args: ['run', '--project', 'unit'] },
  { name: 'integration', command: bin('vitest'), args: ['run', '--project', 'integration'] },
  {
    name: 'integration-pg',
    command: bin('vitest'),
    args: ['run', '--project', 'integration-pg'],
    around: postgresServer,
  },
  { name: 'build', command: bin('electron-vite'), args: ['build'] },
  {
    name: 'e2e',
    command: bin('playwright'),
    args: ['test', '-c', 'tests/e2e/playwright.config.ts'],
    needs: 'build',
  },
];

/** Runs a step inside what it needs; failing to provide that fails the step, saying why. */
async function runAround(
  step: (typeof STEPS)[number],
  deadline: number,
  onInterrupt: (signal: NodeJS.Signals) => void,
): Promise<Outcome> {
  let surroundings: Surroundings | undefined;
  try {
    surroundings = await step.around?.();
  } catch (error) {
    process.stderr.write(`${step.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 'failed';
  }
  try {
    return await runStep({ ...step, env: surroundings?.env }, deadline, onInterrupt);
  } finally {
    await surroundings?.release();
  }
}

async function main(): Promise<void> {
  const deadline = Date.now() + RUN_BUDGET_MS;
  // A holder, not a `let`: it is set from a signal handler, which control flow cannot see.
  const stopped: { by: NodeJS.Signals | null } = { by: null };
  const only = process.argv.slice(2);
  const steps = only.length > 0 ? STEPS.filter((s) => only.includes(s.name)) : STEPS;
  const results: { name: string; outcome: Outcome; seconds: number }[] = [];
  for (const step of steps) {
    const prerequisite = step.needs ? results.find((r) => r.name === step.needs) : undefined;
    const blocked = prerequisite && prerequisite.outcome !== 'passed';
    if (blocked || stopped.by || Date.now() >= deadline) {
      results.push({ name: step.name, outcome: 'skipped', seconds: 0 });
      continue;
    }
    process.stdout.write(`\n━━ ${step.name} ━━ ${[step.command, ...step.args].join(' ')}\n`);
    const started = performance.now();
    const outcome = await runAround(step, deadline, (signal) => (stopped.by ??= signal));
    results.push({ name: step.name, outcome, seconds: (performance.now() - started) / 1000 });
  }
  process.stdout.write(summary(results));
  const signalCode = stopped.by === 'SIGINT' ? 130 : stopped.by === 'SIGTERM' ? 143 : null;
  process.exitCode = signalCode ?? (results.every((r) => r.outcome === 'passed') ? 0 : 1);
}

void main();
