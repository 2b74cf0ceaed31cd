import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../money';
import { prorate } from './proration';
import { MAX_TIME } from './schema';

const DAY = 86_400_000;
const start = Date.UTC(2026, 0, 1);
const end = Date.UTC(2026, 1, 1);

describe('prorate', () => {
  it('charges the second half of a month at the new price and credits the old', () => {
    const mid = start + Math.floor((end - start) / 2);
    const p = prorate({
      periodStart: start,
      periodEnd: end,
      changeAt: mid,
      oldAmount: money(999, 'USD'),
      newAmount: money(9900, 'USD'),
    });
    expect(p.totalSeconds).toBe(31 * 86_400);
    expect(p.remainingSeconds).toBe(31 * 43_200);
    expect(p.unusedCredit.amount).toBe(-500); // 499.5 rounds half to even
    expect(p.usedAmount.amount).toBe(499);
    expect(p.remainingCharge.amount).toBe(4950);
    expect(p.net.amount).toBe(4450);
  });

  it('is the whole price at the period start and nothing at its end', () => {
    const whole = prorate({
      periodStart: start,
      periodEnd: end,
      changeAt: start,
      oldAmount: money(999, 'USD'),
      newAmount: money(9900, 'USD'),
    });
    expect([whole.unusedCredit.amount, whole.remainingCharge.amount]).toEqual([-999, 9900]);
    const none = prorate({
      periodStart: start,
      periodEnd: end,
      changeAt: end,
      oldAmount: money(999, 'USD'),
      newAmount: money(9900, 'USD'),
    });
    expect([none.unusedCredit.amount, none.remainingCharge.amount]).toEqual([0, 0]);
  });

  it('counts whole seconds, as Stripe does', () => {
    const a = prorate({
      periodStart: start,
      periodEnd: end,
      changeAt: start + DAY + 999,
      oldAmount: money(3100, 'USD'),
      newAmount: money(0, 'USD'),
    });
    const b = prorate({
      periodStart: start,
      periodEnd: end,
      changeAt: start + DAY,
      oldAmount: money(3100, 'USD'),
      newAmount: money(0, 'USD'),
    });
    expect(a).toEqual(b);
    expect(a.unusedCredit.amount).toBe(-3000);
  });

  it('refuses mixed currencies and empty periods', () => {
    expect(() =>
      prorate({
        periodStart: start,
        periodEnd: end,
        changeAt: start,
        oldAmount: money(1, 'USD'),
        newAmount: money(1, 'EUR'),
      }),
    ).toThrow(/USD and EUR/);
    expect(() =>
      prorate({
        periodStart: end,
        periodEnd: start,
        changeAt: start,
        oldAmount: money(1, 'USD'),
        newAmount: money(1, 'USD'),
      }),
    ).toThrow(RangeError);
  });

  it('conserves money to the cent for any change, and stays within bounds', () => {
    // Any amount money can hold, any period start an input may name: the rule must not overflow.
    const amount = fc.maxSafeNat();
    const length = fc.integer({ min: 1000, max: 366 * DAY });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_TIME }),
        length,
        fc.double({ min: 0, max: 1, noNaN: true }),
        amount,
        amount,
        (s, len, f, oldA, newA) => {
          const changeAt = s + Math.floor(len * f);
          const p = prorate({
            periodStart: s,
            periodEnd: s + len,
            changeAt,
            oldAmount: money(oldA, 'USD'),
            newAmount: money(newA, 'USD'),
          });
          // What was paid splits exactly into used time and the credit for unused time.
          expect(p.usedAmount.amount - p.unusedCredit.amount).toBe(oldA);
          expect(p.net.amount).toBe(p.remainingCharge.amount + p.unusedCredit.amount);
          expect(-p.unusedCredit.amount).toBeGreaterThanOrEqual(0);
          expect(-p.unusedCredit.amount).toBeLessThanOrEqual(oldA);
          expect(p.remainingCharge.amount).toBeGreaterThanOrEqual(0);
          expect(p.remainingCharge.amount).toBeLessThanOrEqual(newA);
          // Unchanged price, unchanged quantity: the credit and the charge cancel out.
          const same = prorate({
            periodStart: s,
            periodEnd: s + len,
            changeAt,
            oldAmount: money(oldA, 'USD'),
            newAmount: money(oldA, 'USD'),
          });
          expect(same.net.amount).toBe(0);
        },
      ),
    );
  });

  it('gives back less the later the change comes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 31 * DAY }),
        fc.integer({ min: 0, max: 31 * DAY }),
        fc.maxSafeNat(),
        (x, y, amount) => {
          const [early, late] = x <= y ? [x, y] : [y, x];
          const credit = (offset: number) =>
            -prorate({
              periodStart: start,
              periodEnd: start + 31 * DAY,
              changeAt: start + offset,
              oldAmount: money(amount, 'USD'),
              newAmount: money(0, 'USD'),
            }).unusedCredit.amount;
          expect(credit(early)).toBeGreaterThanOrEqual(credit(late));
        },
      ),
    );
  });
});
