import type { Logger } from './logger';

export interface LoopOptions<T> {
  /** Names the loop in the log line when a pass fails. */
  name: string;
  logger: Logger;
  /**
   * One pass. A failure is logged and the loop goes on: one bad pass must not stop the work.
   * A long pass checks `stopping` between its items, so a shutdown waits for one item, not all.
   */
  pass: (stopping: AbortSignal) => Promise<T>;
  intervalMs: number;
  /** Delay before the first pass; defaults to the interval. */
  firstDelayMs?: number;
  /** The wait after a pass, from its result (e.g. 0 when it found a backlog); defaults to the interval. */
  nextDelayMs?: (result: T | undefined) => number;
}

export interface Loop {
  /** Stops scheduling passes and resolves when the pass in hand (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Lets waiting I/O (HTTP requests, IPC) run. better-sqlite3 answers synchronously, so a
 * pass of many items is one long stretch of microtasks that would otherwise keep every
 * request waiting until the whole pass is done; long passes call this between items.
 */
export const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `pass` again and again, one at a time, with a pause between passes: the shape of
 * every background worker here (jobs, emails, Stripe events). A pass never overlaps the
 * next, and stopping waits for the pass in hand, so shutdown never cuts work in half.
 */
export function startLoop<T>(options: LoopOptions<T>): Loop {
  let stopped = false;
  const stopping = new AbortController();
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = options
      .pass(stopping.signal)
      .catch((error: unknown) => {
        options.logger.error({ err: error }, `${options.name} failed`);
        return undefined;
      })
      .then((result) => {
        if (!stopped) timer = setTimeout(tick, options.nextDelayMs?.(result) ?? options.intervalMs);
      });
  };
  let timer = setTimeout(tick, options.firstDelayMs ?? options.intervalMs);
  return {
    stop: async () => {
      stopped = true;
      stopping.abort();
      clearTimeout(timer);
      await current;
    },
  };
}
