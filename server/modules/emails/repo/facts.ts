import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';

type Trx = Transaction<DB>;

/**
 * What emails say about billing objects, read at dispatch time. Finalized invoices never
 * change their amounts or lines (decision 19), so an email written later says the same.
 */

export async function customerContact(trx: Trx, tenantId: string, customerId: string) {
  return trx
    .selectFrom('customers')
    .select(['name', 'email', 'default_payment_method_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', customerId)
    .executeTakeFirst();
}

export async function invoiceSummary(trx: Trx, tenantId: string, invoiceId: string) {
  const invoice = await trx
    .selectFrom('invoices')
    .select(['number', 'currency', 'total', 'amount_due', 'amount_paid', 'paid_at', 'next_attempt_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', invoiceId)
    .executeTakeFirst();
  if (!invoice) return null;
  const lines = await trx
    .selectFrom('invoice_lines')
    .select(['description', 'amount'])
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();
  return { ...invoice, lines };
}

/** The card a payment was charged to, if a card paid it. */
export async function paymentCard(trx: Trx, tenantId: string, paymentId: string) {
  const row = await trx
    .selectFrom('payments')
    .innerJoin('payment_methods', 'payment_methods.id', 'payments.payment_method_id')
    .select(['payment_methods.brand', 'payment_methods.last4'])
    .where('payments.tenant_id', '=', tenantId)
    .where('payments.id', '=', paymentId)
    .executeTakeFirst();
  return row ?? null;
}

/** A subscription's plan and price as they stand. */
export async function subscriptionSummary(trx: Trx, tenantId: string, subscriptionId: string) {
  return trx
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .innerJoin('prices', 'prices.id', 'subscriptions.price_id')
    .select([
      'plans.name as plan_name',
      'prices.amount',
      'prices.currency',
      'prices.interval',
      'subscriptions.quantity',
      'subscriptions.payment_method_id',
      'subscriptions.ended_at',
    ])
    .where('subscriptions.tenant_id', '=', tenantId)
    .where('subscriptions.id', '=', subscriptionId)
    .executeTakeFirst();
}
