import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runStep, summary } from './steps';
import { waitFor } from './wait';

/** npm test's steps: a step past the run's deadline, or interrupted, ends with all it started. */

const dir = mkdtempSync(join(tmpdir(), 'tollgate-steps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A step that starts a child of its own, notes the child's pid in `pidFile`, and never ends. */
const hangingStep = (pidFile: string) => ({
  name: 'hangs',
  command: process.execPath,
  args: [
    '-e',
    `const { spawn } = require('node:child_process');
     const { writeFileSync } = require('node:fs');
     const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
     writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
     setInterval(() => {}, 1000);`,
  ],
});

const pidIn = (file: string) => {
  try {
    return Number(readFileSync(file, 'utf8')) || undefined;
  } catch {
    return undefined;
  }
};

describe('runStep', () => {
  it('passes and fails as the command exits', async () => {
    const deadline = Date.now() + 60 * 60_000;
    expect(await runStep({ name: 'ok', command: process.execPath, args: ['-e', ''] }, deadline)).toBe(
      'passed',
    );
    expect(
      await runStep({ name: 'bad', command: process.execPath, args: ['-e', 'process.exit(3)'] }, deadline),
    ).toBe('failed');
  });

  it('stops a step once the run is past its deadline', async () => {
    const pidFile = join(dir, 'late');
    expect(await runStep(hangingStep(pidFile), Date.now())).toBe('timed out');
  });

  it('passes an interrupt on to the step and every process it started, and says so', async () => {
    const pidFile = join(dir, 'interrupt');
    const signals = new EventEmitter();
    let heard: NodeJS.Signals | null = null;
    const running = runStep(
      hangingStep(pidFile),
      Date.now() + 60 * 60_000,
      (signal) => (heard = signal),
      signals,
    );
    const grandchild = await waitFor('the step to start its child', () => pidIn(pidFile));
    signals.emit('SIGINT', 'SIGINT');
    expect(await running).toBe('interrupted');
    expect(heard).toBe('SIGINT');
    await waitFor(`process ${grandchild} to end with its step`, () => !alive(grandchild));
  });
});

describe('a held step', () => {
  it('writes what it wrote to stdout and stderr in one piece, under its name, once it ends', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const outcome = await runStep(
        {
          name: 'beside',
          command: process.execPath,
          args: ['-e', "console.log('first'); console.error('second'); process.exitCode = 2"],
          held: true,
        },
        Date.now() + 60 * 60_000,
      );
      expect(outcome).toBe('failed');
    } finally {
      spy.mockRestore();
    }
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/━━ beside ━━ its output\n/);
    expect(written[0]).toContain('first\n');
    expect(written[0]).toContain('second\n');
  });
});

describe('summary', () => {
  it('lists each step with its seconds and says why the run failed', () => {
    const text = summary([
      { name: 'unit', outcome: 'passed', seconds: 12.34 },
      { name: 'e2e', outcome: 'timed out', seconds: 3600 },
      { name: 'after', outcome: 'skipped', seconds: 0 },
    ]);
    expect(text).toContain('PASS  unit            12.3 s');
    expect(text).toContain('TIME  e2e           3600.0 s  (timed out)');
    expect(text).toContain('FAILED: e2e (timed out), after (skipped) in 3612.3 s');
  });

  it('gives the run its own time when steps ran side by side', () => {
    const text = summary(
      [
        { name: 'lint', outcome: 'passed', seconds: 80 },
        { name: 'typecheck', outcome: 'passed', seconds: 70 },
      ],
      85.04,
    );
    expect(text).toContain('PASS  typecheck       70.0 s');
    expect(text).toContain('ALL PASSED in 85.0 s');
  });
});
