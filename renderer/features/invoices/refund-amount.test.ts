import { describe, expect, it } from 'vitest';
import { parseRefundAmount } from './refund-amount';

describe('parseRefundAmount', () => {
  it('reads decimals into exact minor units', () => {
    expect(parseRefundAmount('2', 'USD', 999)).toEqual({ ok: true, amount: 200 });
    expect(parseRefundAmount(' 2.50 ', 'USD', 999)).toEqual({ ok: true, amount: 250 });
    expect(parseRefundAmount('0.29', 'USD', 999)).toEqual({ ok: true, amount: 29 });
    expect(parseRefundAmount('1,000', 'JPY', 5000)).toEqual({ ok: true, amount: 1000 });
  });

  it('allows exactly what is left and no more', () => {
    expect(parseRefundAmount('9.99', 'USD', 999)).toEqual({ ok: true, amount: 999 });
    expect(parseRefundAmount('10.00', 'USD', 999)).toEqual({
      ok: false,
      error: 'At most $9.99 can still be refunded',
    });
  });

  it('says what is left when far more is typed', () => {
    expect(parseRefundAmount('1'.repeat(30), 'USD', 999)).toEqual({
      ok: false,
      error: 'At most $9.99 can still be refunded',
    });
  });

  it('explains what is wrong with the text', () => {
    expect(parseRefundAmount('', 'USD', 999)).toEqual({ ok: false, error: 'Enter an amount' });
    expect(parseRefundAmount('two', 'USD', 999)).toEqual({ ok: false, error: 'Enter an amount like 9.99' });
    expect(parseRefundAmount('2.005', 'USD', 999)).toEqual({
      ok: false,
      error: 'USD amounts have at most 2 decimals',
    });
    expect(parseRefundAmount('0', 'USD', 999)).toEqual({ ok: false, error: 'Amount must be more than zero' });
    expect(parseRefundAmount('-3', 'USD', 999)).toEqual({
      ok: false,
      error: 'Amount must be more than zero',
    });
  });
});
