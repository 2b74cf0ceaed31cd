import { availableParallelism } from 'node:os';
import { RetryLater } from './retry-later';

/**
 * A bound on how much password hashing runs at once. scrypt runs on libuv's threadpool
 * (4 threads), which also verifies every access token (jose uses WebCrypto there) and does
 * file work: unbounded, a burst of sign-ins queued every signed-in request behind it.
 * At most `concurrency` hashes run; at most `maxQueue` wait; beyond that the caller is
 * told the server is busy at once, instead of waiting behind a flood.
 */

/** The gate is full: a 429 like any throttle, so whoever asked (sign-in, a new password) retries. */
export class HashingBusy extends RetryLater {
  constructor() {
    super(2000, 'The server is busy checking other passwords');
  }
}

export interface HashingGateOptions {
  concurrency: number;
  maxQueue: number;
}

/** One core stays free for serving requests; two hashes at most, even on larger machines. */
export const DEFAULT_HASHING: HashingGateOptions = {
  concurrency: Math.max(1, Math.min(2, availableParallelism() - 1)),
  maxQueue: 16,
};

export class HashingGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: HashingGateOptions = DEFAULT_HASHING) {}

  /** Runs `work` when a slot is free; throws HashingBusy when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.concurrency) {
      if (this.waiting.length >= this.options.maxQueue) {
        throw new HashingBusy();
      }
      // The slot is handed over by the finishing task, so `running` never dips and refills.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** How many run and wait now (for tests and logs). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}

/** The process's one gate: hashing cost is paid by this process's CPU, whichever backend asks. */
export const hashingGate = new HashingGate();
