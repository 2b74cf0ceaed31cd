import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';

/**
 * A customer's latest refunds, newest first, each with the payment it returned money from
 * (a refund of the whole payment is full; of part of it, partial) and that payment's invoice.
 */
export async function refundsOfCustomer(db: Kysely<DB>, tenantId: string, customerId: string, limit: number) {
  const rows = await db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .innerJoin('invoices', 'invoices.id', 'refunds.invoice_id')
    .select([
      'refunds.id',
      'refunds.amount',
      'refunds.currency',
      'refunds.reason',
      'refunds.status',
      'refunds.failure_message',
      'refunds.created_at',
      'refunds.payment_id',
      'payments.amount as payment_amount',
      'refunds.invoice_id',
      'invoices.number as invoice_number',
    ])
    .where('refunds.tenant_id', '=', tenantId)
    .where('refunds.customer_id', '=', customerId)
    .orderBy('refunds.created_at', 'desc')
    .orderBy('refunds.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    amount: r.amount,
    currency: r.currency,
    reason: r.reason,
    status: r.status,
    failureMessage: r.failure_message,
    createdAt: r.created_at,
    paymentId: r.payment_id,
    paymentAmount: r.payment_amount,
    /** All of the payment in one refund, or part of it. */
    extent: r.amount >= r.payment_amount ? ('full' as const) : ('partial' as const),
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
  }));
}
