/**
 * `npm test`: every check the project has, each in its own process, with a pass/fail
 * summary (each step's seconds, and the run's) printed last. The checks that run no tests go
 * side by side, two at a time (STAGES), their output held until each ends; the test suites
 * follow one after another. All steps run even after a failure so one run shows everything
 * that is wrong; e2e needs the build, so it is skipped if the build failed.
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

type RunnableStep = Step & { around?: () => Promise<Surroundings> };

const step = {
  format: { name: 'format', command: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
  typecheck: { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'] },
  lint: { name: 'lint', command: bin('eslint'), args: ['.', '--max-warnings', '0'] },
  unit: { name: 'unit', command: bin('vitest'), args: ['run', '--project', 'unit'] },
  integration: { name: 'integration', command: bin('vitest'), args: ['run', '--project', 'integration'] },
  integrationPg: {
    name: 'integration-pg',
    command: bin('vitest'),
    args: ['run', '--project', 'integration-pg'],
    around: postgresServer,
  },
  build: { name: 'build', command: bin('electron-vite'), args: ['build'] },
  e2e: {
    name: 'e2e',
    command: bin('playwright'),
    args: ['test', '-c', 'tests/e2e/playwright.config.ts'],
    needs: 'build',
  },
} satisfies Record<string, RunnableStep>;

/** Every step, in the order the summary lists them. */
const STEPS: RunnableStep[] = Object.values(step);

/**
 * The stages, one after another. A stage's lanes run side by side, each lane's steps one
 * after another. The checks that need no tests run first, in two lanes: each is one process
 * on one core (eslint 84 s, tsc 47 s, prettier 21 s, the build 20 s in a clean CI run), so
 * on 2 cores the stage takes about as long as lint alone instead of the sum (172 s). The test
 * suites run alone, as each keeps both cores busy (two vitest workers; Chromium and a server).
 */
const STAGES: RunnableStep[][][] = [
  [[step.lint], [step.typecheck, step.format, step.build]],
  [[step.unit]],
  [[step.integration]],
  [[step.integrationPg]],
  [[step.e2e]],
];

/** Runs a step inside what it needs; failing to provide that fails the step, saying why. */
async function runAround(
  step: RunnableStep,
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

interface Result {
  name: string;
  outcome: Outcome;
  seconds: number;
}

async function main(): Promise<void> {
  const started = performance.now();
  const deadline = Date.now() + RUN_BUDGET_MS;
  // A holder, not a `let`: it is set from a signal handler, which control flow cannot see.
  const stopped: { by: NodeJS.Signals | null } = { by: null };
  const only = process.argv.slice(2);
  const chosen = (s: RunnableStep) => only.length === 0 || only.includes(s.name);
  const results = new Map<string, Result>();

  const runLane = async (lane: RunnableStep[], besideOthers: boolean) => {
    for (const s of lane.filter(chosen)) {
      const prerequisite = s.needs ? results.get(s.needs) : undefined;
      const blocked = prerequisite && prerequisite.outcome !== 'passed';
      if (blocked || stopped.by || Date.now() >= deadline) {
        results.set(s.name, { name: s.name, outcome: 'skipped', seconds: 0 });
        continue;
      }
      // A step beside others writes its output in one piece when it ends (under its name again).
      const held = besideOthers ? ' (beside others: its output follows when it ends)' : '';
      process.stdout.write(`\n━━ ${s.name} ━━ ${[s.command, ...s.args].join(' ')}${held}\n`);
      const stepStarted = performance.now();
      const outcome = await runAround(
        { ...s, held: besideOthers },
        deadline,
        (signal) => (stopped.by ??= signal),
      );
      results.set(s.name, { name: s.name, outcome, seconds: (performance.now() - stepStarted) / 1000 });
    }
  };
  for (const stage of STAGES) {
    const lanes = stage.filter((lane) => lane.some(chosen));
    await Promise.all(lanes.map((lane) => runLane(lane, lanes.length > 1)));
  }

  const ordered = STEPS.flatMap((s) => results.get(s.name) ?? []);
  process.stdout.write(summary(ordered, (performance.now() - started) / 1000));
  const signalCode = stopped.by === 'SIGINT' ? 130 : stopped.by === 'SIGTERM' ? 143 : null;
  process.exitCode = signalCode ?? (ordered.every((r) => r.outcome === 'passed') ? 0 : 1);
}

void main();
