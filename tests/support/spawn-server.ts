import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { READY_BUDGET_MS, STOP_BUDGET_MS } from './budgets';
import { serverBundle } from './server-bundle';
import { waitFor, withinBudget } from './wait';

export interface SpawnedServer {
  url: string;
  process: ChildProcess;
  /** What the server wrote to stderr so far (its last 64 kB). */
  stderr(): string;
  /** Closes the server's stdin (it stops by itself), waits for it to end, kills it past the grace period. */
  stop(): Promise<void>;
}

const PRELOAD = new URL('./exit-with-parent.ts', import.meta.url).pathname;
const KEPT_OUTPUT = 64 * 1024;

/** The tail of a stream's output, kept for error messages. */
function recorder(stream: NodeJS.ReadableStream | null) {
  let text = '';
  stream?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-KEPT_OUTPUT);
  });
  return () => text;
}

/** Resolves with the URL on the first stdout line that starts with `announce`. */
function announcedUrl(child: ChildProcess, announce: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`exited (${signal ?? `code ${code}`}) before printing "${announce} <url>"`));
    child.once('exit', onExit);
    child.once('error', reject);
    lines.on('line', (line) => {
      if (!line.startsWith(announce)) return;
      const url = /https?:\/\/[^\s)]+/.exec(line)?.[0];
      if (!url) return;
      child.off('exit', onExit);
      resolve(url);
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`);
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts one of the project's server entries as its own process, the code the npm scripts
 * run (compiled once into one file, tests/support/server-bundle.ts), on a port picked at run
 * time, and resolves once the server says it is ready: it printed its URL after `announce`
 * and its /healthz answers 200. Waits within the
 * shared readiness budget; on failure the error carries the server's stderr. The child
 * stops when our end of its stdin closes, so it never outlives the test run.
 */
export async function spawnServer(options: {
  entry: string;
  env: Record<string, string>;
  /** The line prefix before the URL, e.g. "Tollgate server:". */
  announce: string;
  budgetMs?: number;
}): Promise<SpawnedServer> {
  const budgetMs = options.budgetMs ?? READY_BUDGET_MS;
  const [preload, entry] = await Promise.all([serverBundle(PRELOAD), serverBundle(options.entry)]);
  const child = spawn(process.execPath, ['--import', pathToFileURL(preload).href, entry], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...options.env, TOLLGATE_EXIT_WITH_STDIN: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr = recorder(child.stderr);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async () => {
    if (ended()) return;
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_BUDGET_MS);
    await exited;
    clearTimeout(timer);
  };
  const started = Date.now();
  try {
    const url = await withinBudget(announcedUrl(child, options.announce), budgetMs, 'its URL');
    await waitFor(
      `${url}/healthz to answer 200`,
      async () => {
        if (ended()) throw new Error('exited before /healthz answered 200');
        return healthy(url);
      },
      budgetMs - (Date.now() - started),
    );
    return { url, process: child, stderr, stop };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${options.entry} did not become ready: ${reason}. stderr:\n${stderr() || '(nothing)'}`);
  }
}
