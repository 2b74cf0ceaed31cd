/** Where time comes from. Everything time-driven reads a Clock, so tests and test clocks can move it. */
export interface Clock {
  /** UTC epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: for tests, and for staff's test clocks. */
export class ManualClock implements Clock {
  #now: number;

  constructor(startMs: number) {
    ManualClock.#assertTime(startMs);
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Moves forward; time never runs backwards, since jobs and audit order depend on it. */
  advance(ms: number): void {
    if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`cannot advance a clock by ${ms} ms`);
    this.#now += ms;
  }

  set(ms: number): void {
    ManualClock.#assertTime(ms);
    if (ms < this.#now) throw new RangeError('a clock cannot move backwards');
    this.#now = ms;
  }

  static #assertTime(ms: number): void {
    if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`${ms} is not an epoch-millisecond time`);
  }
}
