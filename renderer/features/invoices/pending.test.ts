import { describe, expect, it } from 'vitest';
import { indexPendingMarks } from '../../lib/offline/pending-index';
import { invoicePending } from './pending';

const detail = {
  invoice: { id: 'inv_1' },
  payments: [{ id: 'pay_1' }, { id: 'pay_2' }],
  refunds: [
    { id: 're_settled', paymentId: 'pay_1' },
    { id: 're_local', paymentId: 'pay_1' },
  ],
};

describe('invoicePending', () => {
  it('puts a refund made here on its row, its payment and the invoice’s refunded total', () => {
    const index = indexPendingMarks([
      { label: 'Refund $5.00 on INV-000001', table: 'refunds', key: 're_local', op: 'insert', fields: [] },
    ]);
    const found = invoicePending(index, detail);
    expect(found.refunds.get('re_local')).toEqual(['Refund $5.00 on INV-000001']);
    expect(found.refunds.has('re_settled')).toBe(false);
    expect(found.paymentRefunds.get('pay_1')).toEqual(['Refund $5.00 on INV-000001']);
    expect(found.paymentRefunds.has('pay_2')).toBe(false);
    expect(found.anyRefund).toEqual(['Refund $5.00 on INV-000001']);
    expect(found.invoice).toEqual([]);
  });

  it('marks the invoice itself for a command on it or on one of its payments', () => {
    const index = indexPendingMarks([
      { label: 'Pay INV-000001 now', table: 'invoices', key: 'inv_1', op: 'update', fields: ['status'] },
      { label: 'Charge', table: 'payments', key: 'pay_2', op: 'insert', fields: [] },
    ]);
    expect(invoicePending(index, detail).invoice).toEqual(['Pay INV-000001 now', 'Charge']);
  });
});
