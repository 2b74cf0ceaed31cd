import { createHash } from 'node:crypto';
import { type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Principal } from '../trpc/context';
import type { DB } from '../db/schema';

/**
 * What an account admin's replica may hold (decision 145): in each tenant where they
 * administer customer X (and hold no staff role — staff reach the whole tenant by role), the
 * tenant's row, X's customer row (without staff's notes), X's rows of the customer tables, the
 * lines of X's invoices, the catalog rows X's subscriptions bill (their prices, plans and
 * products: no other customer's plan), X's licenses with their machines, seats, usage totals
 * and validation log, the policies of X's licenses (and the products they license), and their
 * own account binding. Nothing else.
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
  /** The policies of X's licenses (a policy has no customer: it is chosen by id, as prices are). */
  policyIds: string[];
  /**
   * A digest of X's license, machine and seat ids. A delete's log entry carries no row, so it
   * cannot tell whose it was; a released machine or a removed seat changes the digest instead,
   * and the replica starts over without the row.
   */
  licensingDigest: string;
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
  // Licensing (migration 0031): every table but the policies carries the license's customer.
  // Usage events and signing keys are never replicated; licenses' key_hash and key_sealed never leave the server.
  'licenses',
  'license_machines',
  'license_seats',
  'license_usage',
  'license_validations',
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
    const licensing = await licensingOf(db, tenantId, customerId);
    const catalog = await catalogOf(db, tenantId, customerId);
    const productIds = distinct([...catalog.productIds, ...licensing.productIds]);
    reaches.push({
      tenantId,
      customerId,
      ...catalog,
      productIds,
      policyIds: licensing.policyIds,
      licensingDigest: licensing.licensingDigest,
    });
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

/**
 * The policies of the customer's licenses and the products they license (named on the license
 * page), and the digest of its licenses', machines' and seats' ids.
 */
async function licensingOf(db: Kysely<DB>, tenantId: string, customerId: string) {
  const licenses = await db
    .selectFrom('licenses')
    .innerJoin('license_policies', 'license_policies.id', 'licenses.policy_id')
    .select(['licenses.id', 'license_policies.id as policy_id', 'license_policies.product_id'])
    .where('licenses.tenant_id', '=', tenantId)
    .where('licenses.customer_id', '=', customerId)
    .execute();
  const licenseIds = licenses.map((l) => l.id).sort();
  const idsOf = async (table: 'license_machines' | 'license_seats') =>
    licenseIds.length === 0
      ? []
      : (
          await db
            .selectFrom(table)
            .select('id')
            .where('license_id', 'in', licenseIds)
            .where('customer_id', '=', customerId)
            .execute()
        ).map((r) => r.id);
  const [machineIds, seatIds] = await Promise.all([idsOf('license_machines'), idsOf('license_seats')]);
  const digest = createHash('sha256')
    .update([licenseIds, machineIds.sort(), seatIds.sort()].map((ids) => ids.join(',')).join('|'))
    .digest('hex')
    .slice(0, 16);
  return {
    policyIds: distinct(licenses.map((l) => l.policy_id)),
    productIds: distinct(licenses.map((l) => l.product_id)),
    licensingDigest: digest,
  };
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
    ...byIds('license_policies', reach.policyIds),
  ];
}

/** Part of the reach's fingerprint: which accounts, and the catalog rows each bills. */
export function accountFingerprint(reaches: readonly AccountReach[]): string {
  return reaches
    .map(
      (r) =>
        `${r.tenantId}:${r.customerId}:${r.priceIds.join(',')}:${r.planIds.join(',')}:${r.productIds.join(',')}:${r.policyIds.join(',')}:${r.licensingDigest}`,
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
