/**
 * Billing at scale: N customers (default 100,000), one subscription each and ten invoices
 * per subscription (1,000,000 invoices, each with a line and a payment) in a temporary
 * database; then list, detail and entitlement-check queries, each timed through the tRPC
 * procedure, through Kysely's driver, and as the same SQL on raw better-sqlite3.
 *
 *   npm run bench:billing -- [customers] [invoicesPerSubscription]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/connection';
import { bulkLoadCustomers } from '../server/demo/bulk-load';
import { generateCustomers } from '../server/demo/generator';
import { createWorkspace } from '../server/demo/seed';
import { seedDemoCatalog } from '../server/modules/catalog';
import { invalidateEntitlements } from '../server/modules/entitlements';
import { loadPrincipal } from '../server/modules/tenants';
import { bulkLoadBilling } from './lib/billing-data';
import { createHarness } from './lib/harness';
import { ms, table } from './lib/stats';

const customers = Number(process.argv[2] ?? 100_000);
const invoicesPer = Number(process.argv[3] ?? 10);
const RUNS = 200;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-billing-'));

async function main(): Promise<void> {
  const database = openDatabase({ path: join(dir, 'bench.sqlite') });
  // A generous page cache for loading millions of rows; queries are timed with the same setting.
  database.sqlite.pragma('cache_size = -262144');
  const now = Date.now();
  const { owner, tenant } = await createWorkspace(database.db, {
    ownerName: 'Bench',
    ownerEmail: 'bench@localhost',
    tenantName: 'Bench',
    tenantSlug: 'bench',
    now,
  });
  const catalog = await seedDemoCatalog(database.db, tenant.id, now - 800 * 86_400_000);
  let started = performance.now();
  bulkLoadCustomers(database.sqlite, {
    tenantId: tenant.id,
    customers: generateCustomers({ seed: 7, count: customers, now, spanDays: 730 }),
    actorName: 'bench',
    client: 'system:bench',
  });
  const customerMs = performance.now() - started;
  started = performance.now();
  const loaded = bulkLoadBilling(database.sqlite, {
    tenantId: tenant.id,
    catalog,
    invoicesPer,
    now,
    seed: 11,
  });
  const billingMs = performance.now() - started;
  database.sqlite.pragma('optimize');
  const rows = loaded.invoices * 3 + loaded.subscriptions * 2;
  process.stdout.write(
    `Loaded ${customers.toLocaleString('en')} customers in ${ms(customerMs)}; ${loaded.subscriptions.toLocaleString('en')} subscriptions and ` +
      `${loaded.invoices.toLocaleString('en')} invoices (+ lines and payments) in ${ms(billingMs)} — ${Math.round(rows / (billingMs / 1000)).toLocaleString('en')} rows/s\n\n`,
  );

  const principal = await loadPrincipal(database.db, owner.id);
  const harness = createHarness(database.sqlite, database.db, principal, tenant.id);
  const { caller } = harness;
  const anySub = (await caller.subscriptions.list({ status: 'past_due', limit: 1 })).items[0];
  const someCustomer = anySub?.customerId ?? '';
  const invoicePage = await caller.invoices.list({ limit: 1000 });
  let cursor = invoicePage.nextCursor;
  for (let i = 0; i < 200 && cursor; i++)
    cursor = (await caller.invoices.list({ limit: 1000, cursor })).nextCursor;
  const anInvoice = (await caller.invoices.list({ customerId: someCustomer, limit: 1 })).items[0]?.id ?? '';
  const midNumber = `INV-${String(Math.floor(loaded.invoices / 2)).padStart(6, '0')}`;

  const cases: [string, Parameters<typeof harness.measure>[1]][] = [
    ['subscriptions: first page (100 + total)', (c) => c.subscriptions.list({ limit: 100 })],
    ['subscriptions: past_due filter', (c) => c.subscriptions.list({ status: 'past_due', limit: 100 })],
    ['subscriptions: by plan', (c) => c.subscriptions.list({ planId: catalog.plans.enterprise, limit: 100 })],
    ['subscriptions: customer search "mar"', (c) => c.subscriptions.list({ search: 'mar', limit: 100 })],
    ['subscriptions: detail page', (c) => c.subscriptions.get({ id: anySub?.id ?? '' })],
    ['invoices: first page (100 + total)', (c) => c.invoices.list({ limit: 100 })],
    ['invoices: deep page (200k rows in)', (c) => c.invoices.list({ limit: 100, cursor })],
    ['invoices: open filter', (c) => c.invoices.list({ status: 'open', limit: 100 })],
    [`invoices: number search ${midNumber}`, (c) => c.invoices.list({ search: midNumber, limit: 100 })],
    ['invoices: one customer', (c) => c.invoices.list({ customerId: someCustomer, limit: 100 })],
    ['invoices: customer search "mar"', (c) => c.invoices.list({ search: 'mar', limit: 100 })],
    ['invoices: detail page', (c) => c.invoices.get({ id: anInvoice })],
    ['payments: first page (100 + total)', (c) => c.payments.list({ limit: 100 })],
    ['payments: failed filter', (c) => c.payments.list({ status: 'failed', limit: 100 })],
    ['payments: customer search "mar"', (c) => c.payments.list({ search: 'mar', limit: 100 })],
    ['customer billing summary', (c) => c.billing.customer({ customerId: someCustomer })],
    [
      'entitlement check (cached)',
      (c) => c.entitlements.check({ customerId: someCustomer, featureKey: 'courses.max' }),
    ],
    [
      'entitlement check (uncached)',
      (c) => {
        invalidateEntitlements(tenant.id, someCustomer);
        return c.entitlements.check({ customerId: someCustomer, featureKey: 'courses.max' });
      },
    ],
    [
      'entitlements explained (uncached)',
      (c) => {
        invalidateEntitlements(tenant.id, someCustomer);
        return c.entitlements.forCustomer({ customerId: someCustomer });
      },
    ],
  ];
  for (const [label, call] of cases) await harness.measure(label, call, RUNS);
  process.stdout.write(
    `${table(harness.rows)}\n\n${RUNS} timed runs each after a warm-up; per call, single connection; ` +
      `${loaded.subscriptions.toLocaleString('en')} subscriptions, ${loaded.invoices.toLocaleString('en')} invoices.\n` +
      'A cached entitlement check runs no SQL: its raw figure is the uncached query the cache saves.\n',
  );
  await harness.close().catch(() => undefined);
  await database.close().catch(() => undefined);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
