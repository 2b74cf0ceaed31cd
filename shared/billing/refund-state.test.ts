import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT } from '../money';
import { invoiceDisplayStatus } from './refund-state';

const paid = (amountPaid: number, amountRefunded: number) =>
  invoiceDisplayStatus({ status: 'paid', amountPaid, amountRefunded });

describe('invoiceDisplayStatus', () => {
  it('reads a paid invoice by how much of it went back', () => {
    expect(paid(4_900, 0)).toBe('paid');
    expect(paid(4_900, 2_000)).toBe('partially_refunded');
    expect(paid(4_900, 4_900)).toBe('refunded');
  });

  it('calls an invoice settled by credit alone paid, not refunded', () => {
    expect(paid(0, 0)).toBe('paid');
  });

  it('keeps the status of an invoice that is not paid, refunds or not', () => {
    for (const status of ['draft', 'open', 'void', 'uncollectible'] as const)
      expect(invoiceDisplayStatus({ status, amountPaid: 100, amountRefunded: 50 })).toBe(status);
  });

  it('says refunded exactly when refunds cover what was paid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_AMOUNT }),
        fc.integer({ min: 1, max: MAX_AMOUNT }),
        (amountPaid, amountRefunded) => {
          expect(paid(amountPaid, amountRefunded) === 'refunded').toBe(amountRefunded >= amountPaid);
        },
      ),
    );
  });
});
