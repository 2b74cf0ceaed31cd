import { DAY_MS } from './periods';

/**
 * When a failed invoice is tried again, pure. Attempt 1 is the first charge; after failed
 * attempt n the next comes base × factor^(n-1) later, so waits grow exponentially. A retry
 * happens only while attempts remain and only before the grace period ends: past it the
 * customer has lost access, and the final action is what is left to do.
 */

export const HOUR_MS = 3_600_000;

/** The longest grace period a policy may set (its schema holds it to this). */
export const MAX_GRACE_DAYS = 90;

export interface ScheduleRules {
  retryBaseHours: number;
  backoffFactor: number;
  /** Charge attempts in all, the first included. */
  maxAttempts: number;
  graceDays: number;
}

/**
 * The longest wait a schedule computes. A retry is scheduled only before the grace period
 * ends (decision 34), and no grace period is longer than this, so a longer wait could never
 * be used; stopping here keeps every wait a whole number of milliseconds, far below 2^53
 * (a policy of 720 hours × 10^9 would otherwise ask for 2.6 × 10^20 ms).
 */
export const MAX_RETRY_WAIT_MS = MAX_GRACE_DAYS * DAY_MS;

/**
 * The wait after failed attempt `n` (1-based) before the next one, in whole milliseconds:
 * base × factor^(n−1), computed exactly (the factor has at most two decimals) and rounded
 * half up, or MAX_RETRY_WAIT_MS once it reaches that.
 */
export function retryDelay(rules: ScheduleRules, n: number): number {
  const cap = BigInt(MAX_RETRY_WAIT_MS);
  const hundredths = BigInt(Math.round(rules.backoffFactor * 100));
  let numerator = BigInt(rules.retryBaseHours) * BigInt(HOUR_MS);
  let denominator = 1n;
  for (let step = 1; step < n && numerator < cap * denominator; step++) {
    numerator *= hundredths;
    denominator *= 100n;
  }
  if (numerator >= cap * denominator) return MAX_RETRY_WAIT_MS;
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** When access ends for a recovery that began (first failure) at `startedAt`. */
export function graceEnd(rules: ScheduleRules, startedAt: number): number {
  return startedAt + rules.graceDays * DAY_MS;
}

export type NextStep =
  /** Charge again at `at`; `isLast` when no retry could follow it (a final notice is due). */
  | { kind: 'retry'; attempt: number; at: number; isLast: boolean }
  /** Nothing to retry, but the grace period runs on: wait for a new card until it ends. */
  | { kind: 'wait_for_card'; until: number }
  /** No attempt left and no grace left: take the final action now. */
  | { kind: 'final_action' };

/** Whether a retry due at `at` after failed attempt `n` would be followed by none. */
function isLastRetry(rules: ScheduleRules, attempt: number, at: number, graceEndsAt: number): boolean {
  if (attempt >= rules.maxAttempts) return true;
  return at + retryDelay(rules, attempt) >= graceEndsAt;
}

/**
 * What happens after attempt `failedAttempt` failed at `failedAt`. A hard decline (a lost
 * or stolen card, fraud) is never retried: retrying cannot succeed and may harm the
 * customer's standing with their bank.
 */
export function nextStep(
  rules: ScheduleRules,
  failure: { failedAttempt: number; failedAt: number; graceEndsAt: number; hardDecline: boolean },
): NextStep {
  const { failedAttempt, failedAt, graceEndsAt } = failure;
  const at = failedAt + retryDelay(rules, failedAttempt);
  const retryFits = failedAttempt < rules.maxAttempts && at < graceEndsAt;
  if (!failure.hardDecline && retryFits) {
    const attempt = failedAttempt + 1;
    return { kind: 'retry', attempt, at, isLast: isLastRetry(rules, attempt, at, graceEndsAt) };
  }
  // Every attempt used: the policy's end. Otherwise (hard decline, or the next retry would
  // land after the grace period) a new card can still save it until the grace period ends.
  if (failedAttempt >= rules.maxAttempts || graceEndsAt <= failedAt) return { kind: 'final_action' };
  return { kind: 'wait_for_card', until: graceEndsAt };
}

/** The retry times of an invoice whose every attempt fails on schedule, from its first failure. */
export function plannedRetries(rules: ScheduleRules, startedAt: number): number[] {
  const graceEndsAt = graceEnd(rules, startedAt);
  const times: number[] = [];
  let failedAt = startedAt;
  for (let attempt = 1; ; attempt++) {
    const step = nextStep(rules, { failedAttempt: attempt, failedAt, graceEndsAt, hardDecline: false });
    if (step.kind !== 'retry') return times;
    times.push(step.at);
    failedAt = step.at;
  }
}
