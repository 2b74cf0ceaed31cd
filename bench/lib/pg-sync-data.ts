import pg from 'pg';
import { newId } from '../../shared/ids';
import { bulkInsert } from './pg-bulk';

/**
 * bench:sync's tenant: one product, plan and price, and N customers with one subscription each,
 * written straight into the server's tables (whose triggers log every row for pull). The same
 * rows go to SQLite (prepared statements) and PostgreSQL (batched unnest inserts).
 */

export const CATALOG_COLUMNS = {
  products: ['id', 'tenant_id', 'name', 'status', 'created_at', 'updated_at'],
  plans: ['id', 'tenant_id', 'product_id', 'name', 'status', 'version', 'created_at', 'updated_at'],
  prices: [
    ...['id', 'tenant_id', 'plan_id', 'amount', 'currency', 'interval', 'status'],
    ...['created_at', 'updated_at'],
  ],
} as const;
export const CUSTOMER_COLUMNS = [
  ...['id', 'tenant_id', 'name', 'sort_name', 'email', 'country', 'company', 'status', 'version'],
  ...['created_at', 'updated_at'],
] as const;
export const SUBSCRIPTION_COLUMNS = [
  ...['id', 'tenant_id', 'customer_id', 'plan_id', 'price_id', 'quantity', 'currency', 'status'],
  ...['billing_anchor', 'current_period_start', 'current_period_end', 'trial_end_behavior', 'version'],
  ...['created_at', 'updated_at'],
] as const;

export interface SyncTenantRows {
  catalog: { [T in keyof typeof CATALOG_COLUMNS]: unknown[] };
  /** Each customer's row and its subscription's, in CUSTOMER_COLUMNS / SUBSCRIPTION_COLUMNS order. */
  customers(): Generator<[unknown[], unknown[]]>;
}

export function syncTenantRows(tenantId: string, now: number, count: number): SyncTenantRows {
  const product = newId('prd', now);
  const plan = newId('pln', now);
  const price = newId('pri', now);
  return {
    catalog: {
      products: [product, tenantId, 'Courses', 'active', now, now],
      plans: [plan, tenantId, product, 'Pro', 'active', 1, now, now],
      prices: [price, tenantId, plan, 2900, 'USD', 'month', 'active', now, now],
    },
    *customers() {
      for (let i = 0; i < count; i++) {
        const at = now - (count - i) * 1000;
        const id = newId('cus', at);
        const name = `Customer ${i}`;
        yield [
          [
            id,
            tenantId,
            name,
            name.toLowerCase(),
            `c${i}@bench.test`,
            'GB',
            'Example Ltd',
            'active',
            1,
            at,
            at,
          ],
          [
            newId('sub', at),
            tenantId,
            id,
            plan,
            price,
            1,
            'USD',
            'active',
            at,
            at,
            at + 30 * 86_400_000,
          ].concat(['cancel', 1, at, at]),
        ];
      }
    },
  };
}

/** Writes `rows` into the PostgreSQL server at `url`, in batches of their own transactions (pg-bulk.ts). */
export async function loadSyncTenantPostgres(url: string, rows: SyncTenantRows): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const table of ['products', 'plans', 'prices'] as const) {
      const insert = await bulkInsert(client, table, CATALOG_COLUMNS[table]);
      await insert.add(rows.catalog[table]);
      await insert.flush();
    }
    const customers = await bulkInsert(client, 'customers', CUSTOMER_COLUMNS);
    const subscriptions = await bulkInsert(client, 'subscriptions', SUBSCRIPTION_COLUMNS);
    for (const [customer, subscription] of rows.customers()) {
      // Batches of one size: each batch of customers is written just before the subscriptions naming them.
      await customers.add(customer);
      await subscriptions.add(subscription);
    }
    await customers.flush();
    await subscriptions.flush();
  } finally {
    await client.end();
  }
}

/** Changes `count` random customers on PostgreSQL, as bench:sync's incremental runs do on SQLite. */
export async function touchCustomersPostgres(client: pg.ClientBase, note: string, count: number) {
  await client.query(
    `UPDATE customers SET notes = $1, version = version + 1
     WHERE id IN (SELECT id FROM customers ORDER BY random() LIMIT ${count})`,
    [note],
  );
}
