import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { InvoiceRefundFilter } from '../../../../shared/billing/refund-state';
import type { invoiceListInput } from '../../../../shared/billing/schema';
import type { DB } from '../../../db/schema';
import { customerSearchFilter, listSource } from './keyset';
import { after, pageOf } from './page';
import { cappedTotal, countedTotal } from '../../../db/list-totals';
import { selectRows } from '../../../db/raw-rows';

type Input = z.output<typeof invoiceListInput>;

/**
 * "INV-12", "inv-000123", "INV000123" → the range of numbers starting so, which the
 * (tenant, number) index answers directly (LIKE on a case-sensitive column cannot).
 */
export function numberPrefixRange(search: string): { from: string; to: string } | null {
  const match = /^inv-?(\d{1,12})$/i.exec(search.trim());
  if (!match) return null;
  const from = `INV-${match[1]}`;
  return { from, to: `${from.slice(0, -1)}${String.fromCharCode(from.charCodeAt(from.length - 1) + 1)}` };
}

/**
 * `invoiceDisplayStatus` in SQL. The literal `amount_refunded > 0` (not a bound parameter)
 * lets SQLite page through the partial index of refunded invoices alone.
 */
export function refundFilter(filter: InvoiceRefundFilter) {
  const anyRefund = sql<boolean>`invoices.amount_refunded > 0`;
  return (eb: ExpressionBuilder<DB, 'invoices'>) => {
    switch (filter) {
      case 'any':
        return anyRefund;
      case 'partially_refunded':
        return eb.and([
          anyRefund,
          eb('invoices.status', '=', 'paid'),
          eb('invoices.amount_refunded', '<', eb.ref('invoices.amount_paid')),
        ]);
      case 'refunded':
        return eb.and([
          anyRefund,
          eb('invoices.status', '=', 'paid'),
          eb('invoices.amount_refunded', '>=', eb.ref('invoices.amount_paid')),
        ]);
    }
  };
}

/** `options` override the customer search's choice of form (customers/matched-customers.ts), for tests. */
export async function listInvoices(
  db: Kysely<DB>,
  tenantId: string,
  input: Input,
  options: { fewMatchesCap?: number; carriedIdsCap?: number } = {},
) {
  const range = numberPrefixRange(input.search);
  const match = range
    ? null
    : await customerSearchFilter(db, tenantId, input.search, {
        list: 'invoices',
        column: 'invoices.customer_id',
        page: input.limit,
        cap: options.fewMatchesCap,
        carriedIdsCap: options.carriedIdsCap,
      });
  const filtered = (use: 'page' | 'total' = 'page') => {
    let q = listSource(db, 'invoices', match, use).where('invoices.tenant_id', '=', tenantId);
    if (input.status) q = q.where('invoices.status', '=', input.status);
    if (input.customerId) q = q.where('invoices.customer_id', '=', input.customerId);
    if (input.subscriptionId) q = q.where('invoices.subscription_id', '=', input.subscriptionId);
    if (range) q = q.where('invoices.number', '>=', range.from).where('invoices.number', '<', range.to);
    if (input.refund) q = q.where(refundFilter(input.refund));
    if (input.issuedFrom != null) q = q.where('invoices.created_at', '>=', input.issuedFrom);
    if (input.issuedTo != null) q = q.where('invoices.created_at', '<', input.issuedTo);
    return match ? q.where(match[use]) : q;
  };
  const cursor = after(input.cursor);
  // Page by keys first (sorted from an index), then read the full rows of just this page.
  let keys = filtered().select(['invoices.id', 'invoices.created_at']);
  if (cursor) {
    keys = keys.where((eb) =>
      eb(eb.refTuple('invoices.created_at', 'invoices.id'), '<', eb.tuple(cursor.value, cursor.id)),
    );
  }
  const page = db
    .with('page', () =>
      keys
        .orderBy('invoices.created_at', 'desc')
        .orderBy('invoices.id', 'desc')
        .limit(input.limit + 1),
    )
    .selectFrom('page')
    .innerJoin('invoices', 'invoices.id', 'page.id')
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
    ])
    .orderBy('page.created_at', 'desc')
    .orderBy('page.id', 'desc');
  // Raw rows on SQLite: an export reads a million of these (decision 169).
  const rows = await selectRows(db, page);
  const narrowed =
    range ||
    match ||
    input.customerId ||
    input.subscriptionId ||
    input.refund ||
    input.issuedFrom != null ||
    input.issuedTo != null;
  const total = cursor
    ? null
    : narrowed
      ? await cappedTotal(filtered('total'), db)
      : await countedTotal(db, tenantId, 'invoices', input.status ?? '%');
  return pageOf(
    rows,
    input.limit,
    (r) => ({
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
    }),
    total,
  );
}
