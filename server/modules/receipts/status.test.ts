import { describe, expect, it } from 'vitest';
import { receiptStatus } from './status';
import { sampleReceipt } from './receipts.test-kit';
import type { ReceiptData } from './types';

const invoice = (changes: Partial<ReceiptData['invoice']>) => ({ ...sampleReceipt().invoice, ...changes });

describe('receiptStatus', () => {
  it('derives the refund states of a paid invoice from how much went back', () => {
    expect(receiptStatus(invoice({ amountPaid: 10_000, amountRefunded: 0 }))).toBe('paid');
    expect(receiptStatus(invoice({ amountPaid: 10_000, amountRefunded: 1 }))).toBe('partially_refunded');
    expect(receiptStatus(invoice({ amountPaid: 10_000, amountRefunded: 10_000 }))).toBe('refunded');
  });

  it('calls an invoice settled entirely by credit paid, not refunded', () => {
    expect(receiptStatus(invoice({ amountPaid: 0, amountRefunded: 0 }))).toBe('paid');
  });

  it('keeps the invoice status when it was never paid', () => {
    expect(receiptStatus(invoice({ status: 'open' }))).toBe('open');
    expect(receiptStatus(invoice({ status: 'void' }))).toBe('void');
    expect(receiptStatus(invoice({ status: 'uncollectible' }))).toBe('uncollectible');
  });
});
