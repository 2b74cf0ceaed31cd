import { describe, expect, it } from 'vitest';
import { CREDIT_NEEDS_REFUND, issuedMessage, parseLines } from './manual-invoice';

describe('parseLines', () => {
  it('reads amounts exactly and totals the lines, credits included', () => {
    expect(
      parseLines(
        [
          { key: 1, description: 'Setup fee', quantity: 2, unitAmount: '49.99' },
          { key: 2, description: 'Goodwill', quantity: 1, unitAmount: '-10' },
        ],
        'USD',
      ),
    ).toEqual({
      ok: true,
      lines: [
        { description: 'Setup fee', quantity: 2, unitAmount: 4999 },
        { description: 'Goodwill', quantity: 1, unitAmount: -1000 },
      ],
      total: 8998,
    });
  });

  it('puts each problem on its own field', () => {
    const result = parseLines(
      [
        { key: 1, description: ' ', quantity: 1, unitAmount: '5' },
        { key: 2, description: 'Bundle', quantity: 0, unitAmount: 'five' },
      ],
      'USD',
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        'lines.0.description': 'Describe the item',
        'lines.1.unitAmount': 'Enter an amount like 9.99',
        'lines.1.quantity': 'Quantity must be at least 1',
      },
    });
  });
});

describe('parseLines, by the invoice’s own rules', () => {
  const line = (unitAmount: string, quantity = 1) => ({ key: 1, description: 'Item', quantity, unitAmount });

  it('refuses credits that outweigh the charges, on the lines together', () => {
    expect(parseLines([line('49'), line('-147')], 'USD')).toEqual({
      ok: false,
      errors: { lines: 'Credits cannot be more than the charges: the total must not be negative' },
    });
  });

  it('refuses a credit line to someone who may not refund', () => {
    expect(parseLines([line('100'), line('-10')], 'EUR', { mayCredit: false })).toEqual({
      ok: false,
      errors: { 'lines.1.unitAmount': CREDIT_NEEDS_REFUND },
    });
  });

  it('names the caps in the currency typed, never a library’s words', () => {
    const big = parseLines([line('999999.99', 2)], 'EUR');
    expect(big).toEqual({
      ok: false,
      errors: { 'lines.0.unitAmount': 'Unit price × quantity must be at most €999,999.99' },
    });
    const huge = parseLines([line('100000000')], 'JPY');
    expect(huge).toEqual({
      ok: false,
      errors: { 'lines.0.unitAmount': 'Unit price must be between −¥99,999,999 and ¥99,999,999' },
    });
    const total = parseLines([line('600000'), line('600000')], 'USD');
    expect(total).toEqual({ ok: false, errors: { lines: 'The total must be at most $999,999.99' } });
    expect(parseLines([{ ...line('1'), description: 'x'.repeat(501) }], 'USD')).toEqual({
      ok: false,
      errors: { 'lines.0.description': 'Description must be at most 500 characters' },
    });
    expect(parseLines([line('49.5')], 'JPY')).toEqual({
      ok: false,
      errors: { 'lines.0.unitAmount': 'JPY amounts are whole numbers' },
    });
  });
});

describe('issuedMessage', () => {
  const invoice = { number: 'INV-000042', currency: 'EUR', total: 14700, creditApplied: 0, amountDue: 14700 };

  it('says open with what is due when there is something to collect', () => {
    expect(issuedMessage({ ...invoice, status: 'open' })).toEqual({
      title: 'Invoice issued',
      message: 'INV-000042 is open: €147.00 is due. Collect it with Pay now.',
    });
  });

  it('says paid, and why, when the invoice is paid at once', () => {
    expect(issuedMessage({ ...invoice, status: 'paid', total: 0, amountDue: 0 }).message).toBe(
      'INV-000042 is paid: its total is zero, so there is nothing to collect.',
    );
    expect(issuedMessage({ ...invoice, status: 'paid', creditApplied: 14700, amountDue: 0 })).toEqual({
      title: 'Invoice issued and paid',
      message: 'INV-000042 is paid: the customer’s credit balance covered €147.00.',
    });
  });
});
