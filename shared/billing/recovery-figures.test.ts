import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT } from '../money';
import { chargeAttemptsMade, recoveryRate } from './recovery-figures';

// Sums of up to a few million amounts of one tenant stay far below 2^53 (decision 55).
const amount = fc.integer({ min: 0, max: MAX_AMOUNT * 1_000_000 });

describe('recoveryRate', () => {
  it('is what came back of the finished cases, by amount', () => {
    expect(recoveryRate({ recoveredAmount: 2997, lostAmount: 999 })).toBe(0.75);
    expect(recoveryRate({ recoveredAmount: 0, lostAmount: 999 })).toBe(0);
    expect(recoveryRate({ recoveredAmount: 999, lostAmount: 0 })).toBe(1);
  });

  it('has no value until a case has finished', () => {
    expect(recoveryRate({ recoveredAmount: 0, lostAmount: 0 })).toBeNull();
  });

  it('lies between 0 and 1, and rises with what is recovered and falls with what is lost', () => {
    fc.assert(
      fc.property(amount, amount, amount, (recoveredAmount, lostAmount, more) => {
        const rate = recoveryRate({ recoveredAmount, lostAmount });
        if (recoveredAmount + lostAmount === 0) return expect(rate).toBeNull();
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
        expect(recoveryRate({ recoveredAmount: recoveredAmount + more, lostAmount })).toBeGreaterThanOrEqual(
          rate as number,
        );
        expect(recoveryRate({ recoveredAmount, lostAmount: lostAmount + more })).toBeLessThanOrEqual(
          rate as number,
        );
      }),
    );
  });

  it('refuses negative amounts rather than report a rate past 100%', () => {
    expect(() => recoveryRate({ recoveredAmount: 10, lostAmount: -5 })).toThrow(RangeError);
  });
});

describe('chargeAttemptsMade', () => {
  it('counts the charge that paid the invoice with the ones that failed', () => {
    expect(chargeAttemptsMade({ failedAttempts: 1, recoveredAttempt: null })).toBe(1);
    expect(chargeAttemptsMade({ failedAttempts: 1, recoveredAttempt: 2 })).toBe(2);
    expect(chargeAttemptsMade({ failedAttempts: 3, recoveredAttempt: null })).toBe(3);
  });

  it('agrees with the attempt the summary says recovered an invoice', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), (failedAttempts) => {
        const recoveredAttempt = failedAttempts + 1;
        expect(chargeAttemptsMade({ failedAttempts, recoveredAttempt })).toBe(recoveredAttempt);
      }),
    );
  });
});
