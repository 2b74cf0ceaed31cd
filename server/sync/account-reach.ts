import { type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Principal } from '../trpc/context';
import type { DB } from '../db/schema';

/**
 * What an account admin's replica may hold (decision 145): in each tenant where they
 * administer customer X (and hold no staff role — staff reach the whole tenant by role), the
 * tenant's row, X's customer row (without staff's notes), X's rows of the customer tables, the
 * lines of X's invoices, the catalog rows X's subscriptions bill (their prices, plans and
 * products: no other customer's plan), and their own account binding. Nothing else.
 *
 * The catalog rows are chosen by X's subscriptions as they stand; they are named in the reach's
 * fingerprint, so a subscription moving to another price starts the replica over and it
 * receives the new price's row, whose log entry may be older than its cursor.
 */

export interface AccountReach {
  tenantId: string;
  customerId: string;
  priceIds: string[];
  planIds: string[];
  productIds: string[];
}

/** Replicated tables of one customer's rows, each with a customer_id column in its row. */
export const ACCOUNT_CUSTOMER_TABLES = [
  'subscriptions',
  'invoices',
  'payments',
  'refunds',
  'payment_methods',
  'balance_transactions',
  'disputes',
] as const;

/** Fields of X's customer row staff keep for themselves: never sent to X's replica. */
const STAFF_ONLY_CUSTOMER_FIELDS = ['notes', 'gateway_customer_ref'] as const;

const distinct = (values: (string | null)[]) =>
  [...new Set(values.filter((v): v is string => v !== null))].sort();

/**
 * The accounts `principal` reaches through sync: its bindings in active tenants where it
 * holds no role (a platform role reaches everything already), with the catalog each bills.
 */
export async function accountReachesOf(db: Kysely<DB>, principal: Principal): Promise<AccountReach[]> {
  const { grants } = principal;
  if (grants.platformRole !== null || grants.scopes !== undefined) return [];
  const bindings = Object.entries(grants.accounts ?? {}).filter(
    ([tenantId]) => !(tenantId in grants.tenantRoles),
  );
  if (bindings.length === 0) return [];
  const active = await db
    .selectFrom('tenants')
    .select('id')
    .where(
      'id',
      'in',
      bindings.map(([tenantId]) => tenantId),
    )
    .where('status', '=', 'active')
    .execute();
  const reaches: AccountReach[] = [];
  for (const [tenantId, customerId] of bindings.sort()) {
    if (!active.some((t) => t.id === tenantId)) continue;
    reaches.push({ tenantId, customerId, ...(await catalogOf(db, tenantId, customerId)) });
  }
  return reaches;
}

async function catalogOf(db: Kysely<DB>, tenantId: string, customerId: string) {
  const subscriptions = await db
    .selectFrom('subscriptions')
    .select(['price_id', 'pending_price_id', 'plan_id'])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .execute();
  const priceIds = distinct(subscriptions.flatMap((s) => [s.price_id, s.pending_price_id]));
  const pricePlans =
    priceIds.length === 0
      ? []
      : await db
          .selectFrom('prices')
          .select('plan_id')
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', priceIds)
          .execute();
  const planIds = distinct([...subscriptions.map((s) => s.plan_id), ...pricePlans.map((p) => p.plan_id)]);
  const products =
    planIds.length === 0
      ? []
      : await db
          .selectFrom('plans')
          .select('product_id')
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', planIds)
          .execute();
  return { priceIds, planIds, productIds: distinct(products.map((p) => p.product_id)) };
}

/** How the row filter reads the log's columns (reach.ts's Columns). */
interface Columns {
  tbl: RawBuilder<string>;
  pk: RawBuilder<string>;
  tenant: RawBuilder<string | null>;
  field(key: string): RawBuilder<string | null>;
}

type Eb = ExpressionBuilder<DB, 'sync_rows'>;

/** The rows of one account, as conditions on sync_rows (never filtered after loading). */
export function accountClauses(eb: Eb, col: Columns, reach: AccountReach): Expression<SqlBool>[] {
  const { tenantId, customerId } = reach;
  const inTenant = (table: string) => eb.and([eb(col.tbl, '=', table), eb(col.tenant, '=', tenantId)]);
  const byIds = (table: string, ids: string[]) =>
    ids.length === 0 ? [] : [eb.and([inTenant(table), eb(col.pk, 'in', ids)])];
  return [
    eb.and([eb(col.tbl, '=', 'tenants'), eb(col.pk, '=', tenantId)]),
    eb.and([inTenant('customers'), eb(col.pk, '=', customerId)]),
    eb.and([
      eb(col.tbl, 'in', [...ACCOUNT_CUSTOMER_TABLES]),
      eb(col.tenant, '=', tenantId),
      eb(col.field('customer_id'), '=', customerId),
    ]),
    eb.and([
      inTenant('invoice_lines'),
      eb(
        col.field('invoice_id'),
        'in',
        eb
          .selectFrom('invoices')
          .select('invoices.id')
          .where('invoices.tenant_id', '=', tenantId)
          .where('invoices.customer_id', '=', customerId),
      ),
    ]),
    ...byIds('prices', reach.priceIds),
    ...byIds('plans', reach.planIds),
    ...byIds('products', reach.productIds),
  ];
}

/** Part of the reach's fingerprint: which accounts, and the catalog rows each bills. */
export function accountFingerprint(reaches: readonly AccountReach[]): string {
  return reaches
    .map(
      (r) =>
        `${r.tenantId}:${r.customerId}:${r.priceIds.join(',')}:${r.planIds.join(',')}:${r.productIds.join(',')}`,
    )
    .join(';');
}

/** X's customer row as X's replica receives it: staff's notes and gateway reference left out. */
export function redactForAccounts(
  reaches: readonly AccountReach[],
  change: { table: string; key: string; row: string | null },
): string | null {
  if (change.table !== 'customers' || change.row === null) return change.row;
  if (!reaches.some((r) => r.customerId === change.key)) return change.row;
  const row = JSON.parse(change.row) as Record<string, unknown>;
  for (const field of STAFF_ONLY_CUSTOMER_FIELDS) row[field] = null;
  return JSON.stringify(row);
}
