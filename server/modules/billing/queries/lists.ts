import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  invoiceListInput,
  paymentListInput,
  subscriptionListInput,
} from '../../../../shared/billing/schema';
import type { DB } from '../../../db/schema';
import { customerMatches, decodeCursor, nextCursor } from './keyset';

type Page<T> = { items: T[]; nextCursor: string | null; total: number | null };

/** Newest first, keyset-paged: `(created_at, id) < cursor`. */
function after(cursor: string | null | undefined, table: 'subscriptions' | 'invoices' | 'payments') {
  if (!cursor) return null;
  const { value, id } = decodeCursor(cursor);
  return { value: Number(value), id, table };
}

export async function listSubscriptions(
  db: Kysely<DB>,
  tenantId: string,
  input: z.output<typeof subscriptionListInput>,
) {
  const filtered = () => {
    let q = db.selectFrom('subscriptions').where('subscriptions.tenant_id', '=', tenantId);
    if (input.status) q = q.where('subscriptions.status', '=', input.status);
    if (input.planId) q = q.where('subscriptions.plan_id', '=', input.planId);
    if (input.customerId) q = q.where('subscriptions.customer_id', '=', input.customerId);
    const match = customerMatches<'subscriptions'>(tenantId, input.search, 'subscriptions.customer_id');
    return match ? q.where(match) : q;
  };
  const cursor = after(input.cursor, 'subscriptions');
  let q = filtered()
    .innerJoin('customers', 'customers.id', 'subscriptions.customer_id')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .innerJoin('prices', 'prices.id', 'subscriptions.price_id')
    .select([
      'subscriptions.id',
      'subscriptions.status',
      'subscriptions.quantity',
      'subscriptions.currency',
      'subscriptions.cancel_at_period_end',
      'subscriptions.current_period_end',
      'subscriptions.trial_end',
      'subscriptions.created_at',
      'subscriptions.customer_id',
      'customers.name as customer_name',
      'customers.email as customer_email',
      'plans.name as plan_name',
      'prices.amount as unit_amount',
      'prices.interval',
    ]);
  if (cursor)
    q = q.where((eb) =>
      eb(eb.refTuple('subscriptions.created_at', 'subscriptions.id'), '<', eb.tuple(cursor.value, cursor.id)),
    );
  const rows = await q
    .orderBy('subscriptions.created_at', 'desc')
    .orderBy('subscriptions.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const total = cursor
    ? null
    : Number(
        (
          await filtered()
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
  const page: Page<ReturnType<typeof subscriptionItem>> = {
    items: rows.slice(0, input.limit).map(subscriptionItem),
    nextCursor: nextCursor(rows, input.limit),
    total,
  };
  return page;
}

function subscriptionItem(r: {
  id: string;
  status: DB['subscriptions']['status'];
  quantity: number;
  currency: string;
  cancel_at_period_end: number;
  current_period_end: number;
  trial_end: number | null;
  created_at: number;
  customer_id: string;
  customer_name: string;
  customer_email: string;
  plan_name: string;
  unit_amount: number;
  interval: 'month' | 'year';
}) {
  return {
    id: r.id,
    status: r.status,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerEmail: r.customer_email,
    planName: r.plan_name,
    interval: r.interval,
    quantity: r.quantity,
    amount: r.unit_amount * r.quantity,
    currency: r.currency,
    cancelAtPeriodEnd: r.cancel_at_period_end === 1,
    currentPeriodEnd: r.current_period_end,
    trialEnd: r.trial_end,
    createdAt: r.created_at,
  };
}

export async function listInvoices(
  db: Kysely<DB>,
  tenantId: string,
  input: z.output<typeof invoiceListInput>,
) {
  const number = /^inv-?\d+$/i.test(input.search)
    ? input.search.toUpperCase().replace(/^INV-?/, 'INV-')
    : null;
  const filtered = () => {
    let q = db.selectFrom('invoices').where('invoices.tenant_id', '=', tenantId);
    if (input.status) q = q.where('invoices.status', '=', input.status);
    if (input.customerId) q = q.where('invoices.customer_id', '=', input.customerId);
    if (input.subscriptionId) q = q.where('invoices.subscription_id', '=', input.subscriptionId);
    if (number) return q.where('invoices.number', 'like', `${number}%`);
    const match = customerMatches<'invoices'>(tenantId, input.search, 'invoices.customer_id');
    return match ? q.where(match) : q;
  };
  const cursor = after(input.cursor, 'invoices');
  let q = filtered()
    .innerJoin('customers', 'customers.id', 'invoices.customer_id')
    .select([
      'invoices.id',
      'invoices.number',
      'invoices.status',
      'invoices.billing_reason',
      'invoices.currency',
      'invoices.total',
      'invoices.amount_due',
      'invoices.amount_paid',
      'invoices.amount_refunded',
      'invoices.period_start',
      'invoices.period_end',
      'invoices.created_at',
      'invoices.customer_id',
      'invoices.subscription_id',
      'customers.name as customer_name',
    ]);
  if (cursor)
    q = q.where((eb) =>
      eb(eb.refTuple('invoices.created_at', 'invoices.id'), '<', eb.tuple(cursor.value, cursor.id)),
    );
  const rows = await q
    .orderBy('invoices.created_at', 'desc')
    .orderBy('invoices.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const total = cursor
    ? null
    : Number(
        (
          await filtered()
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
  return {
    items: rows.slice(0, input.limit).map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      billingReason: r.billing_reason,
      customerId: r.customer_id,
      customerName: r.customer_name,
      subscriptionId: r.subscription_id,
      currency: r.currency,
      total: r.total,
      amountDue: r.amount_due,
      amountPaid: r.amount_paid,
      amountRefunded: r.amount_refunded,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      createdAt: r.created_at,
    })),
    nextCursor: nextCursor(rows, input.limit),
    total,
  };
}

export async function listPayments(
  db: Kysely<DB>,
  tenantId: string,
  input: z.output<typeof paymentListInput>,
) {
  const filtered = () => {
    let q = db.selectFrom('payments').where('payments.tenant_id', '=', tenantId);
    if (input.status) q = q.where('payments.status', '=', input.status);
    if (input.customerId) q = q.where('payments.customer_id', '=', input.customerId);
    const match = customerMatches<'payments'>(tenantId, input.search, 'payments.customer_id');
    return match ? q.where(match) : q;
  };
  const cursor = after(input.cursor, 'payments');
  let q = filtered()
    .innerJoin('customers', 'customers.id', 'payments.customer_id')
    .innerJoin('invoices', 'invoices.id', 'payments.invoice_id')
    .leftJoin('payment_methods', 'payment_methods.id', 'payments.payment_method_id')
    .select([
      'payments.id',
      'payments.status',
      'payments.amount',
      'payments.amount_refunded',
      'payments.currency',
      'payments.failure_code',
      'payments.failure_message',
      'payments.attempt_number',
      'payments.created_at',
      'payments.customer_id',
      'payments.invoice_id',
      'customers.name as customer_name',
      'invoices.number as invoice_number',
      'payment_methods.brand',
      'payment_methods.last4',
    ]);
  if (cursor)
    q = q.where((eb) =>
      eb(eb.refTuple('payments.created_at', 'payments.id'), '<', eb.tuple(cursor.value, cursor.id)),
    );
  const rows = await q
    .orderBy('payments.created_at', 'desc')
    .orderBy('payments.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const total = cursor
    ? null
    : Number(
        (
          await filtered()
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
  return {
    items: rows.slice(0, input.limit).map((r) => ({
      id: r.id,
      status: r.status,
      amount: r.amount,
      amountRefunded: r.amount_refunded,
      currency: r.currency,
      failureCode: r.failure_code,
      failureMessage: r.failure_message,
      attemptNumber: r.attempt_number,
      customerId: r.customer_id,
      customerName: r.customer_name,
      invoiceId: r.invoice_id,
      invoiceNumber: r.invoice_number,
      method: r.brand && r.last4 ? { brand: r.brand, last4: r.last4 } : null,
      createdAt: r.created_at,
    })),
    nextCursor: nextCursor(rows, input.limit),
    total,
  };
}
