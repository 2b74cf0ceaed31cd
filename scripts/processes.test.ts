import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCodeOf, forwardedSignal, runInherited, runQuiet } from './processes';

const dir = mkdtempSync(join(tmpdir(), 'tollgate-processes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('forwardedSignal', () => {
  it('passes on the other termination signal, so a child that already got ours is not killed by a repeat', () => {
    expect(forwardedSignal('SIGINT')).toBe('SIGTERM');
    expect(forwardedSignal('SIGTERM')).toBe('SIGINT');
  });
});

describe('exitCodeOf', () => {
  it('reports exit codes as they are and signals as 128 + number', () => {
    expect(exitCodeOf(0, null)).toBe(0);
    expect(exitCodeOf(3, null)).toBe(3);
    expect(exitCodeOf(null, 'SIGTERM')).toBe(143);
    expect(exitCodeOf(null, 'SIGINT')).toBe(130);
  });
});

describe('runInherited', () => {
  it("resolves with the child's exit code", async () => {
    await expect(runInherited(process.execPath, ['-e', 'process.exit(7)'])).resolves.toBe(7);
  });
});

describe('runQuiet', () => {
  it('writes the output to the log file', async () => {
    const logFile = join(dir, 'out.log');
    const result = await runQuiet(
      process.execPath,
      ['-e', 'console.log("compiling"); console.error("warning")'],
      {
        logFile,
      },
    );
    expect(result).toEqual({ code: 0, timedOut: false });
    expect(readFileSync(logFile, 'utf8')).toContain('compiling');
    expect(readFileSync(logFile, 'utf8')).toContain('warning');
  });

  it('stops a command that runs past its time', async () => {
    const result = await runQuiet(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], {
      timeoutMs: 200,
    });
    expect(result).toEqual({ code: null, timedOut: true });
  });
});
