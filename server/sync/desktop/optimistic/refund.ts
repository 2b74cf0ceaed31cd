import type Database from 'better-sqlite3';
import { refundInput } from '../../../../shared/billing/schema';
import { formatMoney, money } from '../../../../shared/money';
import { DomainError } from '../../../lib/errors';
import { toRefund } from '../../../modules/billing/repo/payments';
import { provisionalId } from './provisional-id';
import { findRow, loadRow, type ReplicaRow } from './replica-rows';
import type { LocalEffect } from './types';

/**
 * A refund as the server records it before asking the gateway (server/modules/billing/refunds.ts),
 * with the amount it reserves already counted as refunded on its payment and invoice: every
 * screen's "refunded" and "left to refund" shows it, and a second refund sees only what is
 * left after it. The replica's rule for what is left is the server's: the payment's amount
 * less every refund not known to have failed, the queued ones included.
 */

const amountText = (amount: number, currency: string) => formatMoney(money(amount, currency));

/** What is left to refund of a payment on the replica, pending refunds (local or the server's) subtracted. */
export function refundableOf(sqlite: Database.Database, payment: ReplicaRow<'payments'>): number {
  const row = sqlite
    .prepare(
      `SELECT coalesce(sum(amount), 0) AS total FROM refunds
       WHERE tenant_id = ? AND payment_id = ? AND status != 'failed'`,
    )
    .get(payment.tenant_id, payment.id) as { total: number };
  return payment.amount - row.total;
}

/** The invoice's number for a label ("INV-000001"), or a plain name while it has none. */
function invoiceName(sqlite: Database.Database, tenantId: string, invoiceId: string): string {
  return findRow(sqlite, 'invoices', tenantId, invoiceId)?.number ?? 'a draft invoice';
}

export const refundPaymentEffect: LocalEffect = {
  describe(sqlite, command) {
    const input = refundInput.parse(command.input);
    const payment = findRow(sqlite, 'payments', command.tenantId, input.paymentId);
    if (!payment) return { label: `Refund payment ${input.paymentId}`, record: null };
    const amount = input.amount ?? Math.max(refundableOf(sqlite, payment), 0);
    const invoice = invoiceName(sqlite, command.tenantId, payment.invoice_id);
    return {
      label: `Refund ${amountText(amount, payment.currency)} on ${invoice}`,
      record: { table: 'invoices', key: payment.invoice_id },
    };
  },

  apply(writer, command) {
    const input = refundInput.parse(command.input);
    const { sqlite } = writer;
    const payment = loadRow(sqlite, 'payments', command.tenantId, input.paymentId, 'Payment');
    if (payment.status !== 'succeeded' || !payment.gateway_ref) {
      throw new DomainError(
        'INVALID_STATE',
        `Only a succeeded payment can be refunded; this one is ${payment.status}`,
      );
    }
    const refundable = refundableOf(sqlite, payment);
    if (refundable <= 0)
      throw new DomainError('INVALID_STATE', 'This payment has been refunded in full already');
    const amount = input.amount ?? refundable;
    if (amount > refundable) {
      const most = amountText(refundable, payment.currency);
      throw new DomainError('INVALID_INPUT', `At most ${most} of this payment can still be refunded`, {
        amount: [`At most ${most}`],
      });
    }
    const id = provisionalId('re', command.outboxId);
    const refund: ReplicaRow<'refunds'> = {
      id,
      tenant_id: command.tenantId,
      payment_id: payment.id,
      invoice_id: payment.invoice_id,
      customer_id: payment.customer_id,
      amount,
      currency: payment.currency,
      reason: input.reason,
      status: 'pending',
      idempotency_key: `refund:${id}`,
      gateway_ref: null,
      failure_message: null,
      created_at: command.madeAt,
      updated_at: command.madeAt,
    };
    writer.insert('refunds', refund);
    writer.update('payments', payment.id, {
      amount_refunded: payment.amount_refunded + amount,
      updated_at: command.madeAt,
    });
    const invoice = findRow(sqlite, 'invoices', command.tenantId, payment.invoice_id);
    if (invoice) {
      writer.update('invoices', invoice.id, {
        amount_refunded: invoice.amount_refunded + amount,
        updated_at: command.madeAt,
      });
    }
    return toRefund(refund);
  },
};
