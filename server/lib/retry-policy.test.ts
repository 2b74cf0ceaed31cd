import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  backoffAfter,
  leaseEnd,
  RETRY_POLICIES,
  retrySchedule,
  retrySpan,
  type RetryPolicy,
} from './retry-policy';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const policies = fc.record({
  baseMs: fc.integer({ min: 1, max: HOUR }),
  capMs: fc.integer({ min: 1, max: 7 * 24 * HOUR }),
  maxAttempts: fc.integer({ min: 1, max: 100 }),
  leaseMs: fc.integer({ min: 1, max: HOUR }),
});
const attempts = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER - 1 });

describe('backoffAfter', () => {
  it('keeps the schedules each queue has always had', () => {
    const first = (policy: RetryPolicy, n: number) =>
      Array.from({ length: n }, (_, i) => backoffAfter(i + 1, policy));
    expect(first(RETRY_POLICIES.jobs, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffAfter(30, RETRY_POLICIES.jobs)).toBe(HOUR);
    expect(first(RETRY_POLICIES.stripeEvents, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retrySchedule(RETRY_POLICIES.emails)).toEqual([1, 2, 4, 8, 16].map((m) => m * MINUTE));
  });

  it('never shrinks as failures grow, never passes the cap, and starts at the base (or the cap)', () => {
    fc.assert(
      fc.property(policies, attempts, (policy, n) => {
        const wait = backoffAfter(n, policy);
        expect(Number.isSafeInteger(wait)).toBe(true);
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(policy.capMs);
        expect(backoffAfter(n + 1, policy)).toBeGreaterThanOrEqual(wait);
        expect(backoffAfter(1, policy)).toBe(Math.min(policy.baseMs, policy.capMs));
      }),
    );
  });

  it('doubles until it reaches the cap', () => {
    fc.assert(
      fc.property(policies, fc.integer({ min: 1, max: 200 }), (policy, n) => {
        const wait = backoffAfter(n, policy);
        expect(backoffAfter(n + 1, policy)).toBe(Math.min(wait * 2, policy.capMs));
      }),
    );
  });
});

describe('retrySpan', () => {
  it('is the sum of the schedule, bounded by the cap for each wait', () => {
    fc.assert(
      fc.property(policies, (policy) => {
        const schedule = retrySchedule(policy);
        expect(schedule).toHaveLength(policy.maxAttempts - 1);
        expect(retrySpan(policy)).toBe(schedule.reduce((a, b) => a + b, 0));
        expect(retrySpan(policy)).toBeLessThanOrEqual((policy.maxAttempts - 1) * policy.capMs);
      }),
    );
  });

  it('gives each queue the span it promises', () => {
    // Stripe events: 30 s doubling to an hour over 7 waits (30 s … 32 min), about an hour in all.
    expect(retrySpan(RETRY_POLICIES.stripeEvents)).toBe(30_000 * (2 ** 7 - 1));
    expect(retrySpan(RETRY_POLICIES.emails)).toBe(31 * MINUTE);
    // Webhook deliveries: as Stripe's own, a little over 3 days and less than 4.
    const webhooks = retrySpan(RETRY_POLICIES.webhookDeliveries);
    expect(webhooks).toBeGreaterThan(72 * HOUR);
    expect(webhooks).toBeLessThan(96 * HOUR);
  });
});

describe('afterFailure', () => {
  it('retries after the backoff until the last attempt, then gives up', () => {
    fc.assert(
      fc.property(policies, attempts, fc.integer({ min: 0, max: 2 ** 45 }), (policy, n, now) => {
        const next = afterFailure(n, policy, now);
        if (n >= policy.maxAttempts) expect(next).toEqual({ giveUp: true });
        else expect(next).toEqual({ giveUp: false, retryAt: now + backoffAfter(n, policy) });
      }),
    );
  });

  it('gives up at once on a permanent failure', () => {
    expect(afterFailure(1, RETRY_POLICIES.emails, 0, { permanent: true })).toEqual({ giveUp: true });
  });

  it('holds a claim for the lease', () => {
    expect(leaseEnd(1000, RETRY_POLICIES.emails)).toBe(1000 + 5 * MINUTE);
  });
});
