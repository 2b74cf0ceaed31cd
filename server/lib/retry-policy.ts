/**
 * One retry policy for every lease queue (durable jobs, the email outbox, the Stripe event
 * inbox, outgoing webhook deliveries). Each queue keeps its own table and SQL (its owner's),
 * and takes from here the three decisions they share: how long a claim is held, how long to
 * wait after a failure, and when to give up.
 *
 * A worker claims an item by counting the attempt and holding it until `leaseEnd(now, p)`;
 * a worker that dies leaves the item due again once the lease ends. When an attempt fails,
 * `afterFailure(attempts, p, now)` says when to try again, or that it is the last one.
 */
export interface RetryPolicy {
  /** The wait after the first failure; each further failure doubles it. */
  baseMs: number;
  /** No wait is longer than this. */
  capMs: number;
  /** Attempts in all, the first included: the failure of the last one gives up. */
  maxAttempts: number;
  /** How long a claimed item is left to its worker before another may take it over. */
  leaseMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The policies in use, by queue: a new queue adds its line here. */
export const RETRY_POLICIES = {
  /** Renewals, trial ends, reconciles… 30 s doubling to an hour, 8 attempts. */
  jobs: { baseMs: 30_000, capMs: HOUR, maxAttempts: 8, leaseMs: MINUTE },
  /** Stripe events from the inbox: as jobs; the 8th failure dead-letters the event. */
  stripeEvents: { baseMs: 30_000, capMs: HOUR, maxAttempts: 8, leaseMs: MINUTE },
  /** SMTP sends: 1, 2, 4, 8, 16 minutes (6 attempts); a send may take a while, hence the lease. */
  emails: { baseMs: MINUTE, capMs: 6 * HOUR, maxAttempts: 6, leaseMs: 5 * MINUTE },
  /**
   * Outgoing webhook deliveries, as Stripe retries its own: 1 minute doubling to 12 hours,
   * 16 attempts spread over a little more than 3 days.
   */
  webhookDeliveries: { baseMs: MINUTE, capMs: 12 * HOUR, maxAttempts: 16, leaseMs: MINUTE },
} as const satisfies Record<string, RetryPolicy>;

export type RetryPolicyName = keyof typeof RETRY_POLICIES;

/** The wait after the `failedAttempts`-th failure (1 for the first): base × 2^(n−1), capped. */
export function backoffAfter(failedAttempts: number, policy: RetryPolicy): number {
  // Past 2^60 the product is Infinity or imprecise; the cap is long reached by then.
  const doublings = Math.min(Math.max(0, failedAttempts - 1), 60);
  return Math.min(policy.baseMs * 2 ** doublings, policy.capMs);
}

/** Until when a claim made at `now` holds. */
export function leaseEnd(now: number, policy: RetryPolicy): number {
  return now + policy.leaseMs;
}

/** What follows a failed attempt: another at `retryAt`, or none (`giveUp`). */
export type AfterFailure = { giveUp: false; retryAt: number } | { giveUp: true };

/**
 * Decides what follows the failure of attempt number `attempts` (1 for the first), which
 * happened at `now`. A `permanent` failure (one no retry can fix) gives up at once.
 */
export function afterFailure(
  attempts: number,
  policy: RetryPolicy,
  now: number,
  options: { permanent?: boolean } = {},
): AfterFailure {
  if (options.permanent || attempts >= policy.maxAttempts) return { giveUp: true };
  return { giveUp: false, retryAt: now + backoffAfter(attempts, policy) };
}

/** The waits between attempts, in order: one fewer than the attempts. */
export function retrySchedule(policy: RetryPolicy): number[] {
  return Array.from({ length: Math.max(0, policy.maxAttempts - 1) }, (_, i) => backoffAfter(i + 1, policy));
}

/** How long after the first attempt the last one happens, if every attempt fails at once. */
export function retrySpan(policy: RetryPolicy): number {
  return retrySchedule(policy).reduce((sum, wait) => sum + wait, 0);
}
