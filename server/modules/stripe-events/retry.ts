/** How the processor retries an event whose handler threw. */
export interface RetryPolicy {
  /** The first retry's delay; each further one doubles it. */
  baseMs: number;
  /** No retry waits longer than this. */
  capMs: number;
  /** After this many failed attempts the event is dead-lettered. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 30_000, capMs: 3_600_000, maxAttempts: 8 };

/** The wait after the `attempts`-th failure: base × 2^(attempts−1), capped. */
export function retryDelay(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.baseMs * 2 ** Math.max(0, attempts - 1), policy.capMs);
}
