/**
 * Billing at scale, on SQLite and on PostgreSQL side by side in one run: N customers (default
 * 100,000), one subscription each and ten invoices per subscription (1,000,000 invoices, each
 * with a line and a payment); then list, detail and entitlement-check queries, each timed
 * through the tRPC procedure, through Kysely's driver, and as the same SQL raw (better-sqlite3;
 * a `pg` connection). PostgreSQL gets the very rows SQLite was loaded with (bench/lib/pg-copy.ts).
 *
 * PostgreSQL: TOLLGATE_BENCH_POSTGRES_URL (a superuser's URL), else a throwaway cluster.
 *
 *   npm run bench:billing -- [customers] [invoicesPerSubscription] [--explain]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, openPostgres } from '../server/db/connection';
import { bulkLoadCustomers } from '../server/demo/bulk-load';
import { generateCustomers } from '../server/demo/generator';
import { createWorkspace } from '../server/demo/seed';
import { seedDemoCatalog } from '../server/modules/catalog';
import { loadPrincipal } from '../server/modules/tenants';
import { bulkLoadBilling } from './lib/billing-data';
import { billingCases, sideBySide } from './lib/pg-billing-cases';
import { createHarness, type Timings } from './lib/harness';
import { copyToPostgres } from './lib/pg-copy';
import { createPgHarness } from './lib/pg-harness';
import { benchPostgres, type BenchPostgres } from './lib/pg-server';
import { ms, table } from './lib/stats';

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const EXPLAIN = process.argv.includes('--explain');
const customers = Number(args[0] ?? 100_000);
const invoicesPer = Number(args[1] ?? 10);
const RUNS = 200;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-billing-'));
const rate = (rows: number, took: number) =>
  `${Math.round(rows / (took / 1000)).toLocaleString('en')} rows/s`;

async function main(): Promise<void> {
  const postgres = await benchPostgres();
  try {
    await run(postgres);
  } finally {
    // Drops the bench's database even when the run failed.
    await postgres.stop();
  }
}

async function run(postgres: BenchPostgres): Promise<void> {
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
    `SQLite: loaded ${customers.toLocaleString('en')} customers in ${ms(customerMs)}; ${loaded.subscriptions.toLocaleString('en')} subscriptions and ` +
      `${loaded.invoices.toLocaleString('en')} invoices (+ lines and payments) in ${ms(billingMs)} — ${rate(rows, billingMs)}\n`,
  );

  const pgDatabase = await postgres.database('billing');
  const onPostgres = await openPostgres({ url: pgDatabase.url, poolSize: 10 });
  started = performance.now();
  const copied = await copyToPostgres(database.sqlite, pgDatabase.url);
  const copyMs = performance.now() - started;
  const copiedRows = [...copied.values()].reduce((sum, n) => sum + n, 0);
  started = performance.now();
  // Statistics, as autovacuum's analyze keeps them on a server that has held these rows a while.
  await sql`ANALYZE`.execute(onPostgres.db);
  process.stdout.write(
    `PostgreSQL: the same ${copiedRows.toLocaleString('en')} rows copied in ${ms(copyMs)} — ${rate(copiedRows, copyMs)} ` +
      `(batched unnest INSERTs, every trigger firing); ANALYZE ${ms(performance.now() - started)}\n\n`,
  );

  const sqliteHarness = createHarness(
    database.sqlite,
    database.db,
    await loadPrincipal(database.db, owner.id),
    tenant.id,
  );
  const pgHarness = await createPgHarness(
    pgDatabase.url,
    onPostgres.db,
    await loadPrincipal(onPostgres.db, owner.id),
    tenant.id,
  );
  const sqliteCases = await billingCases(sqliteHarness.caller, { tenantId: tenant.id, catalog, loaded });
  const pgCases = await billingCases(pgHarness.caller, { tenantId: tenant.id, catalog, loaded });
  const figures: [string, Timings, Timings][] = [];
  for (const [i, [label, call]] of sqliteCases.entries()) {
    const onPg = pgCases[i]?.[1];
    if (!onPg) throw new Error(`no PostgreSQL case for ${label}`);
    const sqliteTimings = await sqliteHarness.measure(label, call, RUNS);
    const pgTimings = await pgHarness.measure(label, onPg, RUNS);
    figures.push([label, sqliteTimings, pgTimings]);
    if (EXPLAIN && label.includes('"mar"'))
      process.stdout.write(`${label}\n${await pgHarness.explain(onPg)}\n\n`);
  }
  const scale = `${loaded.subscriptions.toLocaleString('en')} subscriptions, ${loaded.invoices.toLocaleString('en')} invoices`;
  process.stdout.write(
    `SQLite\n${table(sqliteHarness.rows)}\n\nPostgreSQL (${postgres.origin})\n${table(pgHarness.rows)}\n\n` +
      `Side by side, through the procedure\n${table(sideBySide(figures))}\n\n` +
      `${RUNS} timed runs each after a warm-up; per call, single connection; ${scale} on both databases.\n` +
      'A cached entitlement check runs no SQL: its raw figure is the uncached query the cache saves.\n',
  );
  await sqliteHarness.close().catch(() => undefined);
  await pgHarness.close().catch(() => undefined);
  await database.close().catch(() => undefined);
  await onPostgres.close().catch(() => undefined);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    rmSync(dir, { recursive: true, force: true });
    // A failed run may leave a database open, which would keep the process alive.
    if (process.exitCode) process.exit();
  });
