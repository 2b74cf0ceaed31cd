import { spawn, type ChildProcess } from 'node:child_process';
import { STOP_BUDGET_MS } from './budgets';

/**
 * Running `npm test`'s steps (see tests/run.ts): each as the leader of its own process
 * group, stopped with everything it started when the run's deadline passes or the run is
 * interrupted, and the summary printed last.
 */

export interface Step {
  name: string;
  command: string;
  args: string[];
  needs?: string;
  /** Added to the step's environment. */
  env?: Record<string, string>;
  /**
   * Whether the step's output is held and written in one piece once it ends, for a step that
   * runs beside another (their lines would interleave); otherwise it goes out as it comes.
   */
  held?: boolean;
}

export type Outcome = 'passed' | 'failed' | 'skipped' | 'timed out' | 'interrupted';

const LABEL: Record<Outcome, string> = {
  passed: 'PASS',
  failed: 'FAIL',
  skipped: 'SKIP',
  'timed out': 'TIME',
  interrupted: 'STOP',
};

/**
 * Runs a step as the leader of its own process group, so that stopping it reaches every
 * process it started (test workers, servers, Chromium), not just the first.
 */
export function runStep(
  step: Step,
  deadline: number,
  onInterrupt: (signal: NodeJS.Signals) => void = () => undefined,
  /** Where SIGINT and SIGTERM come from: this process, or a stand-in in tests. */
  signals: Pick<NodeJS.EventEmitter, 'on' | 'off'> = process,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const output = step.held ? 'pipe' : 'inherit';
    const child = spawn(step.command, step.args, {
      stdio: ['ignore', output, output],
      detached: true,
      env: { ...process.env, ...step.env, FORCE_COLOR: '1' },
    });
    const held = holdOutput(child);
    const group = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // The group has already ended.
      }
    };
    let stoppedAs: Outcome | null = null;
    let hardStop: NodeJS.Timeout | undefined;
    const stop = (as: Outcome, signal: NodeJS.Signals) => {
      if (stoppedAs) return;
      stoppedAs = as;
      group(signal);
      // What does not stop gracefully within the grace period is killed.
      hardStop = setTimeout(() => group('SIGKILL'), STOP_BUDGET_MS);
    };
    const expiry = setTimeout(
      () => {
        process.stderr.write(`\n${step.name}: the run passed its deadline; stopping it and all it started\n`);
        stop('timed out', 'SIGTERM');
      },
      Math.max(0, deadline - Date.now()),
    );
    const onSignal = (signal: NodeJS.Signals) => {
      onInterrupt(signal);
      stop('interrupted', signal);
    };
    signals.on('SIGINT', onSignal);
    signals.on('SIGTERM', onSignal);
    const finish = (outcome: Outcome) => {
      clearTimeout(expiry);
      clearTimeout(hardStop);
      signals.off('SIGINT', onSignal);
      signals.off('SIGTERM', onSignal);
      // Nothing the step started may outlive it.
      group('SIGKILL');
      void held.then((text) => {
        if (text) process.stdout.write(`\n━━ ${step.name} ━━ its output\n${text}`);
        resolve(outcome);
      });
    };
    child.on('error', (error) => {
      process.stderr.write(`could not start ${step.command}: ${error.message}\n`);
      finish('failed');
    });
    child.on('exit', (code) => finish(stoppedAs ?? (code === 0 ? 'passed' : 'failed')));
  });
}

/**
 * What a held step wrote to stdout and stderr, in the order it came, once both are closed
 * (at once when the step exits, as its whole group is killed then); empty when not held.
 */
function holdOutput(child: ChildProcess): Promise<string> {
  const streams = [child.stdout, child.stderr].filter((s) => s !== null);
  const chunks: Buffer[] = [];
  for (const stream of streams) stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return Promise.all(streams.map((stream) => new Promise((done) => stream.once('close', done)))).then(() =>
    Buffer.concat(chunks).toString(),
  );
}

/**
 * The run's last lines: each step with its seconds, and the verdict with the run's time: the
 * wall-clock `runSeconds` when given (steps side by side make the sum of theirs longer than
 * the run), else the sum.
 */
export function summary(
  results: { name: string; outcome: Outcome; seconds: number }[],
  runSeconds?: number,
): string {
  const failed = results.filter((r) => r.outcome !== 'passed');
  const total = runSeconds ?? results.reduce((s, r) => s + r.seconds, 0);
  const width = Math.max(12, ...results.map((r) => r.name.length));
  const lines = results.map(
    (r) =>
      `  ${LABEL[r.outcome]}  ${r.name.padEnd(width)} ${r.seconds.toFixed(1).padStart(7)} s${r.outcome === 'passed' || r.outcome === 'failed' ? '' : `  (${r.outcome})`}`,
  );
  const verdict =
    failed.length === 0
      ? 'ALL PASSED'
      : `FAILED: ${failed.map((r) => `${r.name} (${r.outcome})`).join(', ')}`;
  return `\n━━ summary ━━\n${lines.join('\n')}\n\n${verdict} in ${total.toFixed(1)} s\n`;
}
