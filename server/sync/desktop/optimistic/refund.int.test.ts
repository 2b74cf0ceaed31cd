import { describe, expect, it } from 'vitest';
import { isProvisionalId } from './provisional-id';
import { refundPaymentEffect } from './refund';
import {
  localCommand,
  MADE_AT,
  refusal,
  replicaForEachTest,
  seedCustomer,
  seedPaidInvoice,
  TENANT,
} from './replica.test-kit';

const local = replicaForEachTest();

function paidInvoice(amount = 2000) {
  const ada = seedCustomer(local.sqlite);
  return seedPaidInvoice(local.sqlite, ada.id, { amount });
}

const refunded = (paymentId: string, invoiceId: string) => ({
  payment: (
    local.sqlite.prepare('SELECT amount_refunded FROM payments WHERE id = ?').get(paymentId) as {
      amount_refunded: number;
    }
  ).amount_refunded,
  invoice: (
    local.sqlite.prepare('SELECT amount_refunded FROM invoices WHERE id = ?').get(invoiceId) as {
      amount_refunded: number;
    }
  ).amount_refunded,
});

describe('payments.refund on the replica', () => {
  it('records a pending refund and counts it as refunded on the payment and the invoice', () => {
    const { invoice, payment } = paidInvoice();
    const { result, writes } = local.apply(refundPaymentEffect, {
      paymentId: payment.id,
      amount: 500,
      reason: 'requested_by_customer',
    });
    const refund = result as { id: string };
    expect(isProvisionalId(refund.id)).toBe(true);
    expect(result).toMatchObject({
      paymentId: payment.id,
      invoiceId: invoice.id,
      amount: 500,
      currency: 'USD',
      status: 'pending',
      createdAt: MADE_AT,
    });
    expect(local.sqlite.prepare('SELECT tenant_id, status FROM refunds WHERE id = ?').get(refund.id)).toEqual(
      {
        tenant_id: TENANT,
        status: 'pending',
      },
    );
    expect(refunded(payment.id, invoice.id)).toEqual({ payment: 500, invoice: 500 });
    expect(writes.map((w) => `${w.op} ${w.table} ${w.fields.join(',')}`)).toEqual([
      expect.stringMatching(/^insert refunds /),
      'update payments amount_refunded,updated_at',
      'update invoices amount_refunded,updated_at',
    ]);
  });

  it('refuses a refund beyond what is left once a pending one is counted, writing nothing', () => {
    const { invoice, payment } = paidInvoice(2000);
    local.apply(refundPaymentEffect, { paymentId: payment.id, amount: 1500, reason: 'duplicate' });
    const beyond = refusal(() =>
      local.apply(refundPaymentEffect, { paymentId: payment.id, amount: 1000, reason: 'duplicate' }),
    );
    expect(beyond.code).toBe('INVALID_INPUT');
    expect(beyond.message).toBe('At most $5.00 of this payment can still be refunded');
    expect(beyond.fieldErrors).toEqual({ amount: ['At most $5.00'] });
    expect(refunded(payment.id, invoice.id)).toEqual({ payment: 1500, invoice: 1500 });
  });

  it('refunds what is left when no amount is given, then refuses any more', () => {
    const { invoice, payment } = paidInvoice(2000);
    local.apply(refundPaymentEffect, { paymentId: payment.id, amount: 500, reason: 'duplicate' });
    const rest = local.apply(refundPaymentEffect, { paymentId: payment.id, reason: 'duplicate' }).result;
    expect(rest).toMatchObject({ amount: 1500 });
    expect(refunded(payment.id, invoice.id)).toEqual({ payment: 2000, invoice: 2000 });
    const more = refusal(() =>
      local.apply(refundPaymentEffect, { paymentId: payment.id, reason: 'duplicate' }),
    );
    expect(more.code).toBe('INVALID_STATE');
    expect(more.message).toBe('This payment has been refunded in full already');
  });

  it('counts the server’s own pending refunds, and not its failed ones', () => {
    const { payment } = paidInvoice(2000);
    const seed = (id: string, amount: number, status: string) =>
      local.sqlite
        .prepare(
          `INSERT INTO refunds (id, tenant_id, payment_id, invoice_id, customer_id, amount, currency, reason,
             status, idempotency_key, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 'USD', 'duplicate', ?, ?, 1, 1)`,
        )
        .run(id, TENANT, payment.id, payment.invoice_id, payment.customer_id, amount, status, `refund:${id}`);
    seed('re_01JD0000000000000000000001', 1200, 'pending');
    seed('re_01JD0000000000000000000002', 800, 'failed');
    const beyond = refusal(() =>
      local.apply(refundPaymentEffect, { paymentId: payment.id, amount: 900, reason: 'duplicate' }),
    );
    expect(beyond.message).toBe('At most $8.00 of this payment can still be refunded');
  });

  it('refuses a payment that did not succeed, and one the replica does not hold', () => {
    const { payment } = paidInvoice();
    local.sqlite.prepare("UPDATE payments SET status = 'failed' WHERE id = ?").run(payment.id);
    const failed = refusal(() =>
      local.apply(refundPaymentEffect, { paymentId: payment.id, reason: 'duplicate' }),
    );
    expect(failed.code).toBe('INVALID_STATE');
    const missing = refusal(() =>
      local.apply(refundPaymentEffect, { paymentId: 'pay_01JD0000000000000000000099', reason: 'duplicate' }),
    );
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('is labelled with the amount in the console’s format and the invoice number', () => {
    const { invoice, payment } = paidInvoice(2000);
    const described = refundPaymentEffect.describe(
      local.sqlite,
      localCommand({ paymentId: payment.id, amount: 500, reason: 'duplicate' }),
    );
    expect(described).toEqual({
      label: 'Refund $5.00 on INV-000001',
      record: { table: 'invoices', key: invoice.id },
    });
    local.apply(refundPaymentEffect, { paymentId: payment.id, amount: 500, reason: 'duplicate' });
    const rest = refundPaymentEffect.describe(
      local.sqlite,
      localCommand({ paymentId: payment.id, reason: 'duplicate' }),
    );
    expect(rest.label).toBe('Refund $15.00 on INV-000001');
  });

  it('formats other currencies as the console does', () => {
    const ada = seedCustomer(local.sqlite);
    const { payment } = seedPaidInvoice(local.sqlite, ada.id, {
      amount: 5000,
      currency: 'JPY',
      number: 'INV-000002',
    });
    const described = refundPaymentEffect.describe(
      local.sqlite,
      localCommand({ paymentId: payment.id, amount: 500, reason: 'duplicate' }),
    );
    expect(described.label).toBe('Refund ¥500 on INV-000002');
  });
});
