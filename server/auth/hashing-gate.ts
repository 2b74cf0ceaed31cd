import { AsyncLocalStorage } from 'node:async_hooks';
import { availableParallelism } from 'node:os';
import { RetryLater } from './retry-later';

/**
 * A bound on how much password hashing runs at once. scrypt runs on libuv's threadpool
 * (4 threads), which also verifies every access token (jose uses WebCrypto there) and does
 * file work: unbounded, a burst of sign-ins queued every signed-in request behind it.
 * At most `concurrency` hashes run; at most `maxQueue` wait; beyond that the caller is
 * told the server is busy at once, instead of waiting behind a flood. The next slot goes
 * to whoever asked (`hashingFor`: the sign-in guard names the client address) has had the
 * fewest hashes since the gate was last idle, so a newcomer waits only for the hashes
 * already running, never behind a flooder's queue.
 */

const requester = new AsyncLocalStorage<string>();

/** Runs `work` with its password hashing queued as `who`'s (for fair turns at the gate). */
export function hashingFor<T>(who: string, work: () => Promise<T>): Promise<T> {
  return requester.run(who, work);
}

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
  private queued = 0;
  /** Waiting hashes by requester; a Map keeps insertion order, which is whose turn is next. */
  private readonly waiting = new Map<string, Array<() => void>>();
  /** Hashes each requester has had since the gate was last idle. */
  private readonly served = new Map<string, number>();

  constructor(private readonly options: HashingGateOptions = DEFAULT_HASHING) {}

  /** Runs `work` when a slot is free; throws HashingBusy when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.concurrency) {
      if (this.queued >= this.options.maxQueue) throw new HashingBusy();
      const who = requester.getStore() ?? '';
      // The slot is handed over by the finishing task, so `running` never dips and refills.
      await new Promise<void>((resolve) => {
        const line = this.waiting.get(who);
        if (line) line.push(resolve);
        else this.waiting.set(who, [resolve]);
        this.queued++;
      });
    } else {
      this.running++;
      this.countServed(requester.getStore() ?? '');
    }
    try {
      return await work();
    } finally {
      this.handOver();
    }
  }

  /** Gives the finished slot to the waiting requester served least (the earliest, on a tie). */
  private handOver(): void {
    let turn: string | null = null;
    for (const who of this.waiting.keys()) {
      if (turn === null || (this.served.get(who) ?? 0) < (this.served.get(turn) ?? 0)) turn = who;
    }
    if (turn === null) {
      this.running--;
      if (this.running === 0) this.served.clear();
      return;
    }
    const line = this.waiting.get(turn) as Array<() => void>;
    const next = line.shift() as () => void;
    if (line.length === 0) this.waiting.delete(turn);
    this.queued--;
    this.countServed(turn);
    next();
  }

  private countServed(who: string): void {
    // A gate busy for ever with ever new requesters forgets, rather than grow without bound.
    if (this.served.size >= 10_000) this.served.clear();
    this.served.set(who, (this.served.get(who) ?? 0) + 1);
  }

  /** How many run and wait now (for tests and logs). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queued };
  }
}

/** The process's one gate: hashing cost is paid by this process's CPU, whichever backend asks. */
export const hashingGate = new HashingGate();
