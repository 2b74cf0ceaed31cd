import { sql, type Kysely } from 'kysely';
import type { SearchHit, SearchMatch } from '../../../shared/search/schema';
import type { DB } from '../../db/schema';
import { dialectOf } from '../../db/dialect';
import { customerWordsMatch } from '../customers';
import type { SearchKeys } from './keys';

/**
 * The palette's lookups, one kind at a time, each a bounded read on an index of the
 * tenant's rows (primary keys, Stripe references, invoice numbers, the email and card
 * indexes, the customers' full-text index). Read-only: the tables stay their modules'.
 */

type Db = Kysely<DB>;
interface Scope {
  db: Db;
  tenantId: string;
  limit: number;
}

/** Each row found once, under the first key that found it, at most `limit`. */
function distinctHits(groups: SearchHit[][], limit: number): SearchHit[] {
  const seen = new Set<string>();
  const hits: SearchHit[] = [];
  for (const hit of groups.flat()) {
    if (seen.has(hit.id)) continue;
    seen.add(hit.id);
    hits.push(hit);
  }
  return hits.slice(0, limit);
}

function customerRows({ db, tenantId, limit }: Scope) {
  return db
    .selectFrom('customers')
    .select(['customers.id', 'customers.name', 'customers.email', 'customers.status'])
    .where('customers.tenant_id', '=', tenantId)
    .limit(limit);
}

type CustomerRow = { id: string; name: string; email: string; status: string };
const customerHit =
  (matched: SearchMatch) =>
  (row: CustomerRow): SearchHit => ({
    kind: 'customer',
    id: row.id,
    title: row.name,
    detail: row.email,
    status: row.status,
    amount: null,
    currency: null,
    matched,
    open: { area: 'customers', id: row.id },
  });

export async function findCustomers(scope: Scope, keys: SearchKeys): Promise<SearchHit[]> {
  const groups: SearchHit[][] = [];
  const { db, tenantId, limit } = scope;
  if (keys.id) {
    groups.push(
      (await customerRows(scope).where('customers.id', '=', keys.id).execute()).map(customerHit('id')),
    );
    const byRef = await customerRows(scope).where('customers.gateway_customer_ref', '=', keys.id).execute();
    groups.push(byRef.map(customerHit('reference')));
    // A card's id leads to its holder.
    const byCard = await customerRows(scope)
      .innerJoin('payment_methods as pm', 'pm.customer_id', 'customers.id')
      .where('pm.tenant_id', '=', tenantId)
      .where('pm.id', '=', keys.id)
      .execute();
    groups.push(byCard.map(customerHit('card')));
  }
  if (keys.email) {
    const rows = await customerRows(scope)
      .where('customers.email', '>=', keys.email.from)
      .where('customers.email', '<', keys.email.to)
      .orderBy('customers.email')
      .execute();
    groups.push(rows.map(customerHit('email')));
  }
  if (keys.last4) {
    const holders = db
      .selectFrom('payment_methods')
      .select('customer_id')
      .where('tenant_id', '=', tenantId)
      .where('last4', '=', keys.last4)
      .where('status', '=', 'active');
    const rows = await customerRows(scope)
      .where('customers.id', 'in', holders)
      .orderBy('customers.sort_name')
      .execute();
    groups.push(rows.map(customerHit('card')));
  }
  const words = keys.text ? customerWordsMatch(dialectOf(scope.db), keys.text) : null;
  if (words) {
    const rows = await customerRows(scope)
      .where(words)
      .orderBy('customers.status')
      .orderBy('customers.sort_name')
      .execute();
    groups.push(rows.map(customerHit('name')));
  }
  return distinctHits(groups, limit);
}

function invoiceRows({ db, tenantId, limit }: Scope) {
  return db
    .selectFrom('invoices')
    .innerJoin('customers', 'customers.id', 'invoices.customer_id')
    .select([
      'invoices.id',
      'invoices.number',
      'invoices.status',
      'invoices.total',
      'invoices.currency',
      'customers.name as customer_name',
    ])
    .where('invoices.tenant_id', '=', tenantId)
    .limit(limit);
}

type InvoiceRow = {
  id: string;
  number: string | null;
  status: string;
  total: number;
  currency: string;
  customer_name: string;
};
const invoiceHit =
  (matched: SearchMatch) =>
  (row: InvoiceRow): SearchHit => ({
    kind: 'invoice',
    id: row.id,
    title: row.number ?? 'Draft invoice',
    detail: row.customer_name,
    status: row.status,
    amount: row.total,
    currency: row.currency,
    matched,
    open: { area: 'invoices', id: row.id },
  });

export async function findInvoices(scope: Scope, keys: SearchKeys): Promise<SearchHit[]> {
  const groups: SearchHit[][] = [];
  if (keys.id) {
    groups.push(
      (await invoiceRows(scope).where('invoices.id', '=', keys.id).execute()).map(invoiceHit('id')),
    );
    const byRef = await invoiceRows(scope).where('invoices.gateway_ref', '=', keys.id).execute();
    groups.push(byRef.map(invoiceHit('reference')));
  }
  if (keys.numbers) {
    const rows = await invoiceRows(scope)
      .where('invoices.number', '>=', keys.numbers.from)
      .where('invoices.number', '<', keys.numbers.to)
      .orderBy('invoices.number')
      .execute();
    groups.push(rows.map(invoiceHit('number')));
  }
  return distinctHits(groups, scope.limit);
}

export async function findSubscriptions(scope: Scope, keys: SearchKeys): Promise<SearchHit[]> {
  if (!keys.id) return [];
  const rows = (by: 'subscriptions.id' | 'subscriptions.gateway_ref') =>
    scope.db
      .selectFrom('subscriptions')
      .innerJoin('customers', 'customers.id', 'subscriptions.customer_id')
      .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
      .select([
        'subscriptions.id',
        'subscriptions.status',
        'plans.name as plan_name',
        'customers.name as customer_name',
      ])
      .where('subscriptions.tenant_id', '=', scope.tenantId)
      .where(by, '=', keys.id as string)
      .limit(scope.limit)
      .execute();
  const hit = (matched: SearchMatch) => (row: Awaited<ReturnType<typeof rows>>[number]) =>
    ({
      kind: 'subscription',
      id: row.id,
      title: row.plan_name,
      detail: row.customer_name,
      status: row.status,
      amount: null,
      currency: null,
      matched,
      open: { area: 'subscriptions', id: row.id },
    }) satisfies SearchHit;
  return distinctHits(
    [
      (await rows('subscriptions.id')).map(hit('id')),
      (await rows('subscriptions.gateway_ref')).map(hit('reference')),
    ],
    scope.limit,
  );
}

export async function findPayments(scope: Scope, keys: SearchKeys): Promise<SearchHit[]> {
  if (!keys.id) return [];
  const { db, tenantId, limit } = scope;
  const base = () =>
    db
      .selectFrom('payments')
      .innerJoin('customers', 'customers.id', 'payments.customer_id')
      .select([
        'payments.id',
        'payments.status',
        'payments.amount',
        'payments.currency',
        'payments.invoice_id',
        'customers.name as customer_name',
      ])
      .where('payments.tenant_id', '=', tenantId)
      .limit(limit);
  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const hit =
    (matched: SearchMatch) =>
    (row: Row): SearchHit => ({
      kind: 'payment',
      id: row.id,
      title: 'Payment',
      detail: row.customer_name,
      status: row.status,
      amount: row.amount,
      currency: row.currency,
      matched,
      open: { area: 'invoices', id: row.invoice_id },
    });
  // A refund's id leads to the payment it gave back.
  const refunded = db
    .selectFrom('refunds')
    .select('payment_id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', keys.id);
  return distinctHits(
    [
      (await base().where('payments.id', '=', keys.id).execute()).map(hit('id')),
      (await base().where('payments.gateway_ref', '=', keys.id).execute()).map(hit('reference')),
      (await base().where('payments.id', 'in', refunded).execute()).map(hit('id')),
    ],
    limit,
  );
}

export async function findEmails(scope: Scope, keys: SearchKeys): Promise<SearchHit[]> {
  if (!keys.id && !keys.email) return [];
  const base = () =>
    scope.db
      .selectFrom('email_outbox')
      .select(['id', 'subject', 'recipient', 'status'])
      .where('tenant_id', '=', scope.tenantId)
      .limit(scope.limit);
  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const hit =
    (matched: SearchMatch) =>
    (row: Row): SearchHit => ({
      kind: 'email',
      id: row.id,
      title: row.subject,
      detail: row.recipient,
      status: row.status,
      amount: null,
      currency: null,
      matched,
      open: { area: 'emails', id: row.id },
    });
  const groups: SearchHit[][] = [];
  if (keys.id) groups.push((await base().where('id', '=', keys.id).execute()).map(hit('id')));
  if (keys.email) {
    const { from, to } = keys.email;
    // Compared in the case-folded form the email_outbox_recipient index holds: NOCASE on
    // SQLite, lower() on PostgreSQL (migration 16).
    const folded = dialectOf(scope.db) === 'postgres' ? sql`lower(recipient)` : sql`recipient COLLATE NOCASE`;
    const rows = await base()
      .where(sql<boolean>`${folded} >= ${from} AND ${folded} < ${to}`)
      .orderBy(folded)
      .orderBy('created_at', 'desc')
      .execute();
    groups.push(rows.map(hit('email')));
  }
  return distinctHits(groups, scope.limit);
}
