import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SpawnedServer {
  url: string;
  process: ChildProcess;
  /** Closes the server's stdin (it exits by itself) and waits for it to end. */
  stop(): Promise<void>;
}

/**
 * Starts one of the project's server entries as its own process, exactly as the npm
 * scripts do, on a port picked at run time, and resolves with the URL it prints. The
 * child exits when our end of its stdin closes, so it never outlives the test run.
 */
export function spawnServer(options: {
  entry: string;
  env: Record<string, string>;
  /** The line prefix before the URL, e.g. "Tollgate server:". */
  announce: string;
  timeoutMs?: number;
}): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...options.env, TOLLGATE_EXIT_WITH_STDIN: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.entry} did not announce its URL in time. stderr:\n${stderr}`));
    }, options.timeoutMs ?? 30_000);
    let announced = false;
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!announced)
        reject(
          new Error(`${options.entry} exited with ${code} before announcing its URL. stderr:\n${stderr}`),
        );
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      if (!line.startsWith(options.announce)) return;
      const url = /https?:\/\/[^\s)]+/.exec(line)?.[0];
      if (!url) return;
      clearTimeout(timer);
      announced = true;
      resolve({ url, process: child, stop });
    });
  });
}
