import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { withinBudget } from './wait';

/**
 * A server the tests start (a throwaway PostgreSQL cluster, nginx) runs under a small shell
 * "keeper" in its own session, whose stdin is a pipe from this process. When that pipe closes,
 * because stop() closed it or because this process ended in any way (even SIGKILL), the keeper
 * stops the server its own orderly way and removes the server's directory: nothing outlives the
 * run that made it. Its own session keeps Ctrl+C and the steps' process-group kills off it, so
 * its stop is always the orderly one. If the server ends by itself (a failed start), the keeper
 * puts its log's tail on stderr, for the error.
 */

export interface Keeper {
  child: ChildProcess;
  ended: () => boolean;
  exited: Promise<void>;
  /** What the keeper wrote to stderr (the server log's tail after a failed start). */
  stderr: () => string;
}

const KEPT_OUTPUT = 64 * 1024;

/**
 * The keeper's script around a server: `start` runs it in the background (with its own output
 * redirections; stdin and the pipe's copy are closed for it), `stop` asks it to finish once the
 * pipe closes, `log` is the file whose tail explains a failed start, `dir` is removed at the end.
 * SIGPIPE is ignored so that an orphaned keeper (its parent gone, and with it the read end of
 * its stderr) still finishes the cleanup. Variables the commands use are set by `prelude`.
 */
export function keeperScript(parts: {
  prelude: string;
  start: string;
  stop: string;
  log: string;
  dir: string;
}) {
  return `
trap '' PIPE
${parts.prelude}
exec 3<&0
${parts.start} </dev/null 3<&- &
server=$!
{
  read -r _ <&3 || true
  ${parts.stop}
} &
watcher=$!
wait "$server"
code=$?
kill "$watcher" 2>/dev/null
[ "$code" -eq 0 ] || tail -n 40 "${parts.log}" >&2
rm -rf "${parts.dir}"
exit "$code"
`;
}

/** Starts `command args` (a keeper script under sh, perhaps as another user) in its own session. */
export function startKeeper(command: string, args: string[], cwd: string): Keeper {
  const child = spawn(command, args, { cwd, detached: true, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-KEPT_OUTPUT)));
  // A server somebody forgot to stop never holds the process open; it ends with it instead.
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  // 'close', not 'exit': by then its stderr (the server log's tail, on a failed start) is all read.
  let ended = false;
  const exited = new Promise<void>((resolve) =>
    child.once('close', () => {
      ended = true;
      resolve();
    }),
  );
  return { child, ended: () => ended, exited, stderr: () => stderr };
}

/**
 * Closes the keeper's stdin and waits for it to stop the server and clean up; past `budgetMs`
 * kills the keeper's session (the keeper and the server share its process group). Then makes
 * sure `dir` is gone.
 */
export async function stopKeeper(keeper: Keeper, dir: string, budgetMs: number, what: string): Promise<void> {
  if (!keeper.ended()) {
    keeper.child.stdin?.end();
    try {
      await withinBudget(keeper.exited, budgetMs, `${what} to stop`);
    } catch {
      try {
        if (keeper.child.pid) process.kill(-keeper.child.pid, 'SIGKILL');
      } catch {
        // Ended in the meantime.
      }
      await keeper.exited;
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
