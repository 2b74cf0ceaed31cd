import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { paymentListInput } from '../../../../shared/billing/schema';
import type { DB } from '../../../db/schema';
import { customerSearchFilter, listSource } from './keyset';
import { after, pageOf } from './page';
import { cappedTotal, countedTotal } from '../../../db/list-totals';

type Input = z.output<typeof paymentListInput>;

/** `options` override the customer search's choice of form (customers/matched-customers.ts), for tests. */
export async function listPayments(
  db: Kysely<DB>,
  tenantId: string,
  input: Input,
  options: { fewMatchesCap?: number; carriedIdsCap?: number } = {},
) {
  const match = await customerSearchFilter(db, tenantId, input.search, {
    list: 'payments',
    column: 'payments.customer_id',
    page: input.limit,
    cap: options.fewMatchesCap,
    carriedIdsCap: options.carriedIdsCap,
  });
  const filtered = (use: 'page' | 'total' = 'page') => {
    let q = listSource(db, 'payments', match, use).where('payments.tenant_id', '=', tenantId);
    if (input.status) q = q.where('payments.status', '=', input.status);
    if (input.customerId) q = q.where('payments.customer_id', '=', input.customerId);
    if (input.createdFrom != null) q = q.where('payments.created_at', '>=', input.createdFrom);
    if (input.createdTo != null) q = q.where('payments.created_at', '<', input.createdTo);
    return match ? q.where(match[use]) : q;
  };
  const cursor = after(input.cursor);
  // Page by keys first (sorted from an index), then read the full rows of just this page.
  let keys = filtered().select(['payments.id', 'payments.created_at']);
  if (cursor) {
    keys = keys.where((eb) =>
      eb(eb.refTuple('payments.created_at', 'payments.id'), '<', eb.tuple(cursor.value, cursor.id)),
    );
  }
  const rows = await db
    .with('page', () =>
      keys
        .orderBy('payments.created_at', 'desc')
        .orderBy('payments.id', 'desc')
        .limit(input.limit + 1),
    )
    .selectFrom('page')
    .innerJoin('payments', 'payments.id', 'page.id')
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
    ])
    .orderBy('page.created_at', 'desc')
    .orderBy('page.id', 'desc')
    .execute();
  const total = cursor
    ? null
    : match || input.customerId || input.createdFrom != null || input.createdTo != null
      ? await cappedTotal(filtered('total'), db)
      : await countedTotal(db, tenantId, 'payments', input.status ?? '%');
  return pageOf(
    rows,
    input.limit,
    (r) => ({
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
    }),
    total,
  );
}
