import { afterFailure, RETRY_POLICIES, retrySpan } from '../../lib/retry-policy';

/**
 * How deliveries retry: the lease queues' shared policy for webhook deliveries (1 minute
 * doubling to 12 hours, over a little more than three days, as Stripe retries its own).
 */
export const DELIVERY_POLICY = RETRY_POLICIES.webhookDeliveries;

/** Attempts in all before a delivery is given up. */
export const MAX_DELIVERY_ATTEMPTS = DELIVERY_POLICY.maxAttempts;

/**
 * An endpoint whose attempts have all failed for this long is disabled: the whole schedule,
 * so the last attempt of a delivery that never got through is the one that disables it.
 */
export const DISABLE_AFTER_FAILING_MS = retrySpan(DELIVERY_POLICY);

/** When to try again after the `failedAttempts`-th failure in a row, or null when the delivery is given up. */
export function nextDeliveryAttempt(failedAttempts: number, now: number): number | null {
  const next = afterFailure(failedAttempts, DELIVERY_POLICY, now);
  return next.giveUp ? null : next.retryAt;
}
