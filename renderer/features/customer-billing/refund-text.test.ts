import { describe, expect, it } from 'vitest';
import { paymentRefundNote, refundExtentText } from './refund-text';

describe('refund text on the customer page', () => {
  it('says how much of a payment went back', () => {
    expect(paymentRefundNote({ amount: 4900, amountRefunded: 0, currency: 'EUR' })).toBeNull();
    expect(paymentRefundNote({ amount: 4900, amountRefunded: 2000, currency: 'EUR' })).toBe(
      'Refunded €20.00 of €49.00',
    );
    expect(paymentRefundNote({ amount: 4900, amountRefunded: 4900, currency: 'EUR' })).toBe(
      'Refunded in full',
    );
  });

  it('names a refund full or partial, with the payment it came from', () => {
    expect(refundExtentText({ extent: 'full', paymentAmount: 4900, currency: 'USD' })).toBe('Full');
    expect(refundExtentText({ extent: 'partial', paymentAmount: 4900, currency: 'USD' })).toBe(
      'Partial, of $49.00',
    );
  });
});
