import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type autocannon from 'autocannon';

const RUNNER = fileURLToPath(new URL('./load-runner.ts', import.meta.url));

export interface LoadFigures {
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** CPU time this process (the server under test) spent per request, in microseconds. */
  serverCpuUs: number;
}

/**
 * Puts autocannon's load on a server running in this process, from a child process, and
 * measures this process's CPU time meanwhile: time per request that the machine's other
 * load inflates far less than requests/s and latency. Throws when any request failed.
 */
export async function loadFromChild(options: autocannon.Options): Promise<LoadFigures> {
  const child = fork(RUNNER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const result = new Promise<autocannon.Result>((resolve, reject) => {
    child.once('message', (message) => resolve(message as autocannon.Result));
    child.once('exit', (code) =>
      reject(new Error(`the load runner stopped (exit ${code}) before answering`)),
    );
  });
  await new Promise<void>((resolve) => child.once('spawn', resolve));
  const cpuBefore = process.cpuUsage();
  child.send(options);
  const answer = await result;
  const cpu = process.cpuUsage(cpuBefore);
  const failed = answer.errors + answer.timeouts + answer.non2xx;
  if (failed > 0) throw new Error(`${failed} of ${answer.requests.total} requests failed`);
  return {
    perSecond: answer.requests.total / (answer.duration || 1),
    p50: answer.latency.p50,
    p99: answer.latency.p99,
    requests: answer.requests.total,
    serverCpuUs: (cpu.user + cpu.system) / Math.max(1, answer.requests.total),
  };
}
