import { describe, expect, it } from 'vitest';
import { indexPendingMarks } from '../../lib/offline/pending-index';
import { invoicePending } from './pending';

const detail = {
  invoice: { id: 'inv_1' },
  payments: [{ id: 'pay_1' }, { id: 'pay_local' }],
  refunds: [
    { id: 're_settled', paymentId: 'pay_1' },
    { id: 're_local', paymentId: 'pay_1' },
  ],
};

const REFUND = 'Refund $5.00 on INV-000001';
const CHARGE = 'Charge $20.00 for INV-000001 now';

describe('invoicePending', () => {
  it('puts a refund made here on its row, its payment and the refunded total, not on what was paid', () => {
    // What the refund effect writes: the refund, and the refunded amounts of its payment and invoice.
    const index = indexPendingMarks([
      { label: REFUND, table: 'refunds', key: 're_local', op: 'insert', fields: [] },
      { label: REFUND, table: 'payments', key: 'pay_1', op: 'update', fields: ['amount_refunded'] },
      { label: REFUND, table: 'invoices', key: 'inv_1', op: 'update', fields: ['amount_refunded'] },
    ]);
    const found = invoicePending(index, detail);
    expect(found.refunds.get('re_local')).toEqual([REFUND]);
    expect(found.refunds.has('re_settled')).toBe(false);
    expect(found.paymentRefunds.get('pay_1')).toEqual([REFUND]);
    expect(found.refunded).toEqual([REFUND]);
    expect(found.charges).toEqual([]);
    expect(found.invoice).toEqual([REFUND]);
  });

  it('marks what is paid and due while a charge made here waits', () => {
    const index = indexPendingMarks([
      { label: CHARGE, table: 'payments', key: 'pay_local', op: 'insert', fields: [] },
      { label: CHARGE, table: 'invoices', key: 'inv_1', op: 'update', fields: ['attempt_count'] },
    ]);
    const found = invoicePending(index, detail);
    expect(found.charges).toEqual([CHARGE]);
    expect(found.refunded).toEqual([]);
    expect(found.invoice).toEqual([CHARGE]);
  });
});
