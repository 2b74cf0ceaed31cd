import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from './periods';
import { DEFAULT_RECOVERY_POLICY, recoveryPolicyInput } from './recovery-schema';
import {
  graceEnd,
  HOUR_MS,
  MAX_GRACE_DAYS,
  MAX_RETRY_WAIT_MS,
  nextStep,
  plannedRetries,
  retryDelay,
  type ScheduleRules,
} from './recovery-schedule';

const START = Date.UTC(2026, 0, 15, 9, 30);

// Every policy the schema accepts: 1–720 hours, a factor of 1.00–10.00, 1–10 attempts, 0–90 days.
const rules: fc.Arbitrary<ScheduleRules> = fc.record({
  retryBaseHours: fc.integer({ min: 1, max: 720 }),
  backoffFactor: fc.integer({ min: 100, max: 1000 }).map((n) => n / 100),
  maxAttempts: fc.integer({ min: 1, max: 10 }),
  graceDays: fc.integer({ min: 0, max: MAX_GRACE_DAYS }),
});

/** The counterexample a clean-clone run found (seed 1591398365): a wait of 647 h × 8.28^8, past 2^53 ms. */
const PAST_2_53 = { retryBaseHours: 647, backoffFactor: 8.28, maxAttempts: 1, graceDays: 0 };

describe('the default schedule', () => {
  it('retries after 1, 2 and 4 days, inside a 14-day grace period', () => {
    expect(plannedRetries(DEFAULT_RECOVERY_POLICY, START)).toEqual([
      START + 1 * DAY_MS,
      START + 3 * DAY_MS,
      START + 7 * DAY_MS,
    ]);
    expect(graceEnd(DEFAULT_RECOVERY_POLICY, START)).toBe(START + 14 * DAY_MS);
  });

  it('marks the fourth attempt as the last, then takes the final action', () => {
    const graceEndsAt = START + 14 * DAY_MS;
    const third = nextStep(DEFAULT_RECOVERY_POLICY, {
      failedAttempt: 3,
      failedAt: START + 3 * DAY_MS,
      graceEndsAt,
      hardDecline: false,
    });
    expect(third).toEqual({ kind: 'retry', attempt: 4, at: START + 7 * DAY_MS, isLast: true });
    expect(
      nextStep(DEFAULT_RECOVERY_POLICY, {
        failedAttempt: 4,
        failedAt: START + 7 * DAY_MS,
        graceEndsAt,
        hardDecline: false,
      }),
    ).toEqual({ kind: 'final_action' });
  });

  it('waits for a new card after a hard decline, until the grace period ends', () => {
    expect(
      nextStep(DEFAULT_RECOVERY_POLICY, {
        failedAttempt: 1,
        failedAt: START,
        graceEndsAt: START + 14 * DAY_MS,
        hardDecline: true,
      }),
    ).toEqual({ kind: 'wait_for_card', until: START + 14 * DAY_MS });
  });

  it('is a valid policy by its own schema', () => {
    expect(recoveryPolicyInput.parse(DEFAULT_RECOVERY_POLICY)).toEqual(DEFAULT_RECOVERY_POLICY);
  });
});

describe('any schedule', () => {
  it('retries at strictly later times, each before the grace period ends', () => {
    fc.assert(
      fc.property(rules, (r) => {
        const times = plannedRetries(r, START);
        let previous = START;
        for (const at of times) {
          expect(at).toBeGreaterThan(previous);
          expect(at).toBeLessThan(graceEnd(r, START));
          previous = at;
        }
      }),
    );
  });

  it('never schedules more charges than the maximum, the first included', () => {
    fc.assert(
      fc.property(rules, (r) => {
        expect(1 + plannedRetries(r, START).length).toBeLessThanOrEqual(r.maxAttempts);
      }),
    );
  });

  it('uses every attempt when the grace period is long enough for all of them', () => {
    fc.assert(
      fc.property(rules, (r) => {
        const total = Array.from({ length: r.maxAttempts - 1 }, (_, i) => retryDelay(r, i + 1)).reduce(
          (sum, d) => sum + d,
          0,
        );
        fc.pre(total + r.maxAttempts < r.graceDays * DAY_MS);
        expect(plannedRetries(r, START)).toHaveLength(r.maxAttempts - 1);
      }),
    );
  });

  it('grows each wait by the backoff factor, in whole milliseconds, until no grace period could hold it', () => {
    fc.assert(
      fc.property(rules, fc.integer({ min: 1, max: 40 }), (r, n) => {
        const wait = retryDelay(r, n);
        const next = retryDelay(r, n + 1);
        expect(Number.isSafeInteger(wait) && Number.isSafeInteger(next)).toBe(true);
        expect(retryDelay(r, 1)).toBe(r.retryBaseHours * HOUR_MS);
        expect(next).toBeGreaterThanOrEqual(wait);
        expect(next).toBeLessThanOrEqual(MAX_RETRY_WAIT_MS);
        // Each wait is rounded to a millisecond on its own, so the ratio holds within rounding.
        if (next < MAX_RETRY_WAIT_MS) {
          expect(Math.abs(next - wait * r.backoffFactor)).toBeLessThanOrEqual(r.backoffFactor + 1);
        }
      }),
      { examples: [[PAST_2_53, 8]] },
    );
  });

  it('never schedules a retry for a wait it stopped at the cap', () => {
    fc.assert(
      fc.property(rules, fc.integer({ min: 1, max: 10 }), (r, attempt) => {
        fc.pre(retryDelay(r, attempt) === MAX_RETRY_WAIT_MS);
        const step = nextStep(r, {
          failedAttempt: attempt,
          failedAt: START,
          graceEndsAt: graceEnd(r, START),
          hardDecline: false,
        });
        expect(step.kind).not.toBe('retry');
      }),
      { examples: [[{ ...PAST_2_53, maxAttempts: 10, graceDays: MAX_GRACE_DAYS }, 8]] },
    );
  });

  it('schedules no retry once the attempts are used up, and never retries a hard decline', () => {
    fc.assert(
      fc.property(
        rules,
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 100 * DAY_MS }),
        fc.boolean(),
        (r, beyond, sinceStart, hardDecline) => {
          const failedAt = START + sinceStart;
          const graceEndsAt = graceEnd(r, START);
          const exhausted = nextStep(r, {
            failedAttempt: r.maxAttempts + beyond,
            failedAt,
            graceEndsAt,
            hardDecline,
          });
          expect(exhausted).toEqual({ kind: 'final_action' });
          const declined = nextStep(r, { failedAttempt: 1, failedAt, graceEndsAt, hardDecline: true });
          expect(declined.kind).not.toBe('retry');
          if (declined.kind === 'wait_for_card') expect(declined.until).toBe(graceEndsAt);
        },
      ),
    );
  });

  it('announces the last retry exactly once, on the last one planned', () => {
    fc.assert(
      fc.property(rules, (r) => {
        const graceEndsAt = graceEnd(r, START);
        const steps = [];
        let failedAt = START;
        for (let attempt = 1; attempt <= r.maxAttempts; attempt++) {
          const step = nextStep(r, { failedAttempt: attempt, failedAt, graceEndsAt, hardDecline: false });
          if (step.kind !== 'retry') break;
          steps.push(step);
          failedAt = step.at;
        }
        expect(steps.filter((s) => s.isLast)).toHaveLength(steps.length > 0 ? 1 : 0);
        if (steps.length > 0) expect(steps.at(-1)?.isLast).toBe(true);
      }),
    );
  });
});
