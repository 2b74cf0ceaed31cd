import { spawn, type SpawnOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { constants } from 'node:os';

/**
 * The signal to pass on when we receive `signal`. A Ctrl+C in a terminal reaches the child
 * too (same process group); handing it the *other* termination signal means a child that
 * handles each of SIGINT and SIGTERM once (web mode does) shuts down gracefully instead of
 * being killed by the duplicate. A signal sent to us alone still reaches it exactly once.
 */
export function forwardedSignal(signal: 'SIGINT' | 'SIGTERM'): NodeJS.Signals {
  return signal === 'SIGINT' ? 'SIGTERM' : 'SIGINT';
}

/** A child's exit as a shell would report it: its code, or 128 + the signal that ended it. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return signal ? 128 + (constants.signals[signal] ?? 0) : 1;
}

/**
 * Runs a command in the foreground: it shares our terminal, gets our first SIGINT/SIGTERM
 * passed on, and we resolve with its exit code when it ends.
 */
export function runInherited(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: 'inherit' });
    let forwarded = false;
    const forward = (signal: 'SIGINT' | 'SIGTERM') => {
      if (forwarded) return;
      forwarded = true;
      child.kill(forwardedSignal(signal));
    };
    const onInterrupt = () => forward('SIGINT');
    const onTerminate = () => forward('SIGTERM');
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onTerminate);
    const stopForwarding = () => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
    };
    child.once('error', (error) => {
      stopForwarding();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      stopForwarding();
      resolve(exitCodeOf(code, signal));
    });
  });
}

/**
 * Runs a command with its output in `logFile` (or discarded), killing it after
 * `timeoutMs`. Resolves with its exit code (null when it did not exit on its own).
 */
export function runQuiet(
  command: string,
  args: string[],
  options: SpawnOptions & { logFile?: string; timeoutMs?: number },
): Promise<{ code: number | null; timedOut: boolean }> {
  const { logFile, timeoutMs, ...spawnOptions } = options;
  const out = logFile ? openSync(logFile, 'w') : 'ignore';
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', out, out] });
    let timedOut = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
        }, timeoutMs)
      : undefined;
    const done = () => {
      clearTimeout(timer);
      if (typeof out === 'number') closeSync(out);
    };
    child.once('error', (error) => {
      done();
      reject(error);
    });
    child.once('exit', (code) => {
      done();
      resolve({ code: timedOut ? null : code, timedOut });
    });
  });
}
