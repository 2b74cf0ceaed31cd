import type { Kysely } from 'kysely';
import { formatMoney, money } from '../../../../shared/money';
import type { DB } from '../../../db/schema';
import { cardText } from '../../../../shared/card-brands';

export type BillingLabelType =
  'invoice' | 'invoice_recovery' | 'subscription' | 'payment' | 'refund' | 'payment_method';

const amount = (value: number, currency: string) => formatMoney(money(value, currency));

/**
 * Names for billing objects as people know them: an invoice by its number, a payment or
 * refund by its amount and invoice, a card by brand and last four (a subscription's plan id
 * comes back for the catalog to name). One query per type for a whole page of ids.
 */
export async function billingLabels(
  db: Kysely<DB>,
  tenantId: string,
  ids: Partial<Record<BillingLabelType, readonly string[]>>,
): Promise<{ labels: Map<string, string>; subscriptionPlans: Map<string, string> }> {
  const labels = new Map<string, string>();
  // A subscription is named by its plan, which the catalog names.
  const subscriptionPlans = new Map<string, string>();
  const list = (type: BillingLabelType) => [...new Set(ids[type] ?? [])];
  const invoiceIds = [...new Set([...list('invoice'), ...list('invoice_recovery')])];
  if (invoiceIds.length) {
    const rows = await db
      .selectFrom('invoices')
      .select(['id', 'number'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', invoiceIds)
      .execute();
    for (const r of rows) labels.set(r.id, r.number ?? 'Draft invoice');
  }
  if (list('payment').length) {
    const rows = await db
      .selectFrom('payments')
      .leftJoin('invoices', 'invoices.id', 'payments.invoice_id')
      .select(['payments.id', 'payments.amount', 'payments.currency', 'invoices.number'])
      .where('payments.tenant_id', '=', tenantId)
      .where('payments.id', 'in', list('payment'))
      .execute();
    for (const r of rows)
      labels.set(r.id, `${amount(r.amount, r.currency)}${r.number ? ` for ${r.number}` : ''}`);
  }
  if (list('refund').length) {
    const rows = await db
      .selectFrom('refunds')
      .leftJoin('invoices', 'invoices.id', 'refunds.invoice_id')
      .select(['refunds.id', 'refunds.amount', 'refunds.currency', 'invoices.number'])
      .where('refunds.tenant_id', '=', tenantId)
      .where('refunds.id', 'in', list('refund'))
      .execute();
    for (const r of rows)
      labels.set(r.id, `${amount(r.amount, r.currency)} back${r.number ? ` on ${r.number}` : ''}`);
  }
  if (list('payment_method').length) {
    const rows = await db
      .selectFrom('payment_methods')
      .select(['id', 'brand', 'last4'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', list('payment_method'))
      .execute();
    for (const r of rows) labels.set(r.id, cardText(r.brand, r.last4));
  }
  if (list('subscription').length) {
    const rows = await db
      .selectFrom('subscriptions')
      .select(['id', 'plan_id'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', list('subscription'))
      .execute();
    for (const r of rows) subscriptionPlans.set(r.id, r.plan_id);
  }
  return { labels, subscriptionPlans };
}
