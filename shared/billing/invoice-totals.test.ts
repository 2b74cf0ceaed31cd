import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT, money } from '../money';
import { MAX_INVOICE_LINES } from './schema';
import { invoiceTotals } from './invoice-totals';

const usd = (n: number) => money(n, 'USD');

describe('invoiceTotals', () => {
  it('applies credit balance before asking for payment', () => {
    const t = invoiceTotals([usd(9900), usd(-500)], usd(1000), 'USD');
    expect([
      t.subtotal.amount,
      t.total.amount,
      t.creditApplied.amount,
      t.amountDue.amount,
      t.balanceChange.amount,
    ]).toEqual([9400, 9400, 1000, 8400, -1000]);
  });

  it('turns a negative invoice into customer credit with nothing due', () => {
    const t = invoiceTotals([usd(499), usd(-4950)], usd(0), 'USD');
    expect([t.total.amount, t.creditApplied.amount, t.amountDue.amount, t.balanceChange.amount]).toEqual([
      -4451, 0, 0, 4451,
    ]);
  });

  it('refuses a balance in another currency', () => {
    expect(() => invoiceTotals([usd(1)], money(5, 'EUR'), 'USD')).toThrow(
      /EUR balance cannot pay a USD invoice/,
    );
  });

  it('total is the sum of the lines; due and credit account for every cent', () => {
    fc.assert(
      fc.property(
        // Lines as large as any the schemas allow, as many as an invoice may have, and any balance.
        fc.array(fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT }), { maxLength: MAX_INVOICE_LINES }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - MAX_AMOUNT * MAX_INVOICE_LINES }),
        (amounts, balance) => {
          const t = invoiceTotals(amounts.map(usd), usd(balance), 'USD');
          expect(t.total.amount).toBe(amounts.reduce((s, a) => s + a, 0));
          expect(t.amountDue.amount).toBeGreaterThanOrEqual(0);
          expect(t.creditApplied.amount).toBeLessThanOrEqual(balance);
          expect(t.amountDue.amount + t.creditApplied.amount).toBe(Math.max(t.total.amount, 0));
          // The new balance plus what is still due always equals the old balance minus the total.
          expect(balance + t.balanceChange.amount - t.amountDue.amount).toBe(balance - t.total.amount);
        },
      ),
    );
  });
});
