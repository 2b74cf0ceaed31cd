/**
 * `npm test`: every check the project has, in order, each in its own process, with a
 * pass/fail summary printed last. All steps run even after a failure so one run shows
 * everything that is wrong; e2e needs the build, so it is skipped if the build failed.
 */
import { spawn } from 'node:child_process';

interface Step {
  name: string;
  command: string;
  args: string[];
  needs?: string;
}

const bin = (name: string) => `node_modules/.bin/${name}`;

const STEPS: Step[] = [
  { name: 'format', command: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
  { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'lint', command: bin('eslint'), args: ['.', '--max-warnings', '0'] },
  { name: 'unit', command: bin('vitest'), args: ['run', '--project', 'unit'] },
  { name: 'integration', command: bin('vitest'), args: ['run', '--project', 'integration'] },
  { name: 'build', command: bin('electron-vite'), args: ['build'] },
  {
    name: 'e2e',
    command: bin('playwright'),
    args: ['test', '-c', 'tests/e2e/playwright.config.ts'],
    needs: 'build',
  },
];

type Outcome = 'passed' | 'failed' | 'skipped';

function run(step: Step): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, {
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: '1' },
    });
    child.on('error', (error) => {
      process.stderr.write(`could not start ${step.command}: ${error.message}\n`);
      resolve(false);
    });
    child.on('exit', (code) => resolve(code === 0));
  });
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const steps = only.length > 0 ? STEPS.filter((s) => only.includes(s.name)) : STEPS;
  const results: { name: string; outcome: Outcome; seconds: number }[] = [];
  for (const step of steps) {
    const prerequisite = step.needs ? results.find((r) => r.name === step.needs) : undefined;
    if (prerequisite && prerequisite.outcome !== 'passed') {
      results.push({ name: step.name, outcome: 'skipped', seconds: 0 });
      continue;
    }
    process.stdout.write(`\n━━ ${step.name} ━━ ${[step.command, ...step.args].join(' ')}\n`);
    const started = performance.now();
    const ok = await run(step);
    results.push({
      name: step.name,
      outcome: ok ? 'passed' : 'failed',
      seconds: (performance.now() - started) / 1000,
    });
  }
  const failed = results.filter((r) => r.outcome !== 'passed');
  const total = results.reduce((s, r) => s + r.seconds, 0);
  const lines = results.map(
    (r) =>
      `  ${r.outcome === 'passed' ? 'PASS' : r.outcome === 'failed' ? 'FAIL' : 'SKIP'}  ${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(6)} s`,
  );
  process.stdout.write(
    `\n━━ summary ━━\n${lines.join('\n')}\n\n${failed.length === 0 ? 'ALL PASSED' : `FAILED: ${failed.map((r) => r.name).join(', ')}`} in ${total.toFixed(1)} s\n`,
  );
  process.exitCode = failed.length === 0 ? 0 : 1;
}

void main();
