import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT, money } from '../money';
import { invoiceTotals } from './invoice-totals';
import { manualInvoiceInput, manualInvoiceTotal, MAX_INVOICE_LINES, MAX_QUANTITY } from './schema';

/** Any line a person could type: a quantity up to the cap, a unit price of up to 8 digits either way. */
const line = fc.record({
  description: fc.constant('Item'),
  quantity: fc.integer({ min: 1, max: MAX_QUANTITY }),
  unitAmount: fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT }),
});
/** Lines that each fit one amount, so the invoice's own rules are what decides. */
const fittingLine = fc.integer({ min: 1, max: MAX_QUANTITY }).chain((quantity) =>
  fc.record({
    description: fc.constant('Item'),
    quantity: fc.constant(quantity),
    unitAmount: fc.integer({
      min: -Math.floor(MAX_AMOUNT / quantity),
      max: Math.floor(MAX_AMOUNT / quantity),
    }),
  }),
);
const CUSTOMER = 'cus_01JBQ3M7Z8X4K2W9V5T6R8N0PA';

const accepted = (lines: unknown[]) =>
  manualInvoiceInput.safeParse({ customerId: CUSTOMER, currency: 'USD', lines });

describe('a manual invoice the schema accepts', () => {
  it('never totals below zero nor above one payment, and its total is the sum of its lines, exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(line, fittingLine), { minLength: 1, maxLength: MAX_INVOICE_LINES }),
        (lines) => {
          const parsed = accepted(lines);
          if (!parsed.success) return;
          const total = manualInvoiceTotal(parsed.data.lines);
          const exact = parsed.data.lines.reduce((s, l) => s + BigInt(l.unitAmount) * BigInt(l.quantity), 0n);
          expect(BigInt(total)).toBe(exact);
          expect(total).toBeGreaterThanOrEqual(0);
          expect(total).toBeLessThanOrEqual(MAX_AMOUNT);
          for (const l of parsed.data.lines)
            expect(Math.abs(l.unitAmount * l.quantity)).toBeLessThanOrEqual(MAX_AMOUNT);
        },
      ),
    );
  });

  it('is refused exactly when a line or the total breaks a rule', () => {
    fc.assert(
      fc.property(fc.array(fittingLine, { minLength: 1, maxLength: 20 }), (lines) => {
        const total = lines.reduce((s, l) => s + l.unitAmount * l.quantity, 0);
        expect(accepted(lines).success).toBe(total >= 0 && total <= MAX_AMOUNT);
      }),
    );
  });

  it('leaves nothing due below zero and no credit behind, whatever the customer’s balance', () => {
    fc.assert(
      fc.property(
        fc.array(fittingLine, { minLength: 1, maxLength: 20 }),
        fc.nat({ max: MAX_AMOUNT * 1000 }),
        (lines, balance) => {
          const parsed = accepted(lines);
          fc.pre(parsed.success);
          if (!parsed.success) return;
          const t = invoiceTotals(
            parsed.data.lines.map((l) => money(l.unitAmount * l.quantity, 'USD')),
            money(balance, 'USD'),
            'USD',
          );
          // A manual invoice only ever uses credit; it never adds to the customer's balance.
          expect(t.balanceChange.amount).toBeLessThanOrEqual(0);
          expect(t.amountDue.amount + t.creditApplied.amount).toBe(t.total.amount);
          expect(t.total.amount).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
