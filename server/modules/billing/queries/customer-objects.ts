import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';

/** A customer's card as its timeline needs it (to say when it expires). */
export interface CustomerCard {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  active: boolean;
}

/** Every billing object of one customer, by the entity type the audit trail names it with. */
export interface CustomerBillingObjects {
  ids: Record<
    'subscription' | 'invoice' | 'payment' | 'refund' | 'payment_method' | 'invoice_recovery' | 'dispute',
    string[]
  >;
  /** Each payment's amount, so a refund can say whether it was full or partial. */
  paymentAmounts: Map<string, number>;
  cards: CustomerCard[];
}

/**
 * The ids of everything billing holds for a customer, read through the customer indexes
 * (refunds and disputes through their payments). For the customer timeline, which finds
 * these objects' audit entries; billing stays the only reader of its tables.
 */
export async function customerBillingObjects(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<CustomerBillingObjects> {
  const [subscriptions, invoices, recoveries, payments, cards] = await Promise.all([
    db
      .selectFrom('subscriptions')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('invoices')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('invoice_recoveries')
      .select('invoice_id')
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('payments')
      .select(['id', 'amount'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('payment_methods')
      .select(['id', 'brand', 'last4', 'exp_month', 'exp_year', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .execute(),
  ]);
  const paymentIds = payments.map((p) => p.id);
  const [refunds, disputes] =
    paymentIds.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('refunds')
            .select('id')
            .where('tenant_id', '=', tenantId)
            .where('payment_id', 'in', paymentIds)
            .execute(),
          db
            .selectFrom('disputes')
            .select('id')
            .where('tenant_id', '=', tenantId)
            .where('payment_id', 'in', paymentIds)
            .execute(),
        ]);
  return {
    ids: {
      subscription: subscriptions.map((r) => r.id),
      invoice: invoices.map((r) => r.id),
      payment: paymentIds,
      refund: refunds.map((r) => r.id),
      payment_method: cards.map((r) => r.id),
      invoice_recovery: recoveries.map((r) => r.invoice_id),
      dispute: disputes.map((r) => r.id),
    },
    paymentAmounts: new Map(payments.map((p) => [p.id, p.amount])),
    cards: cards.map((c) => ({
      id: c.id,
      brand: c.brand,
      last4: c.last4,
      expMonth: c.exp_month,
      expYear: c.exp_year,
      active: c.status === 'active',
    })),
  };
}
