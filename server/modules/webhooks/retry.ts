/**
 * How deliveries retry: a schedule over about three days, as Stripe retries its own. One
 * small function so the lease queues' shared policy can replace it when it lands.
 */

/** The wait after the n-th failed attempt (index n-1); the last entry ends the schedule. */
const DELAYS_MS = [
  60_000, // 1 min
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  20 * 3_600_000, // about 3 days in all
] as const;

/** Attempts in all before a delivery is given up: the first and one per delay. */
export const MAX_DELIVERY_ATTEMPTS = DELAYS_MS.length + 1;

/**
 * An endpoint whose attempts have all failed for this long is disabled: the whole schedule,
 * so the last attempt of a delivery that never got through is the one that disables it.
 */
export const DISABLE_AFTER_FAILING_MS = DELAYS_MS.reduce((sum, delay) => sum + delay, 0);

/** The wait after the `failedAttempts`-th failure in a row, or null when the delivery is given up. */
export function deliveryRetryDelay(failedAttempts: number): number | null {
  if (failedAttempts < 1) return 0;
  return DELAYS_MS[failedAttempts - 1] ?? null;
}
