/**
 * Billing at scale, on SQLite and on PostgreSQL side by side in one run: N customers (default
 * 100,000), one subscription each and ten invoices per subscription (1,000,000 invoices, each
 * with a line and a payment); then list, detail and entitlement-check queries, each timed
 * through the tRPC procedure, through Kysely's driver, and as the same SQL raw (better-sqlite3;
 * a `pg` connection). PostgreSQL gets the very rows SQLite was loaded with (bench/lib/pg-copy.ts).
 *
 * Loading: the first run at a scale loads SQLite through prepared statements in one
 * transaction (every trigger firing) and keeps the file; then copies the rows to PostgreSQL
 * (bench/lib/pg-copy.ts says which triggers fire) and keeps a pg_dump beside it — in the bench cache
 * (bench/lib/billing-cache.ts: TOLLGATE_BENCH_CACHE, else $TMPDIR/tollgate-bench-cache, keyed by
 * scale and schema version). Later runs copy the file and pg_restore the dump, and print the
 * original load's figures. `--fresh` loads again (and replaces the kept copy).
 *
 * PostgreSQL: TOLLGATE_BENCH_POSTGRES_URL (a superuser's URL), else a throwaway cluster.
 *
 *   npm run bench:billing -- [customers] [invoicesPerSubscription] [--explain] [--fresh] [--runs=200]
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type AppDatabase } from '../server/db/connection';
import { bulkLoadCustomers } from '../server/demo/bulk-load';
import { generateCustomers } from '../server/demo/generator';
import { createWorkspace } from '../server/demo/seed';
import { seedDemoCatalog } from '../server/modules/catalog';
import { loadPrincipal } from '../server/modules/tenants';
import { bulkLoadBilling } from './lib/billing-data';
import {
  cachedWorkspace,
  keepPgDump,
  keepSqliteSide,
  type BillingScale,
  type BillingWorkspaceMeta,
} from './lib/billing-cache';
import { billingCases, sideBySide } from './lib/pg-billing-cases';
import { createHarness, type Timings } from './lib/harness';
import { openPgSide } from './lib/pg-side';
import { benchPostgres, type BenchPostgres } from './lib/pg-server';
import { ms, table } from './lib/stats';

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const EXPLAIN = process.argv.includes('--explain');
const FRESH = process.argv.includes('--fresh');
const scale: BillingScale = { customers: Number(args[0] ?? 100_000), invoicesPer: Number(args[1] ?? 10) };
/** Timed runs per case and way (`--runs=N`; at 1,000,000 invoices the deep pages make 200 take long). */
const RUNS = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-billing-'));
const rate = (rows: number, took: number) =>
  `${Math.round(rows / (took / 1000)).toLocaleString('en')} rows/s`;
const say = (text: string) => process.stdout.write(text);

async function main(): Promise<void> {
  const postgres = await benchPostgres();
  try {
    await run(postgres);
  } finally {
    // Drops the bench's database even when the run failed.
    await postgres.stop();
  }
}

/** Loads the SQLite side from nothing; returns what the run needs to know about it. */
async function loadSqlite(database: AppDatabase): Promise<BillingWorkspaceMeta> {
  // A generous page cache, and no syncing while loading millions of rows (a failed load is
  // thrown away); queries are timed afterwards with the app's own settings.
  database.sqlite.pragma('cache_size = -1048576');
  database.sqlite.pragma('synchronous = OFF');
  const now = Date.now();
  const { owner, tenant } = await createWorkspace(database.db, {
    ...{ ownerName: 'Bench', ownerEmail: 'bench@localhost', tenantName: 'Bench', tenantSlug: 'bench' },
    now,
  });
  const catalog = await seedDemoCatalog(database.db, tenant.id, now - 800 * 86_400_000);
  let started = performance.now();
  bulkLoadCustomers(database.sqlite, {
    tenantId: tenant.id,
    customers: generateCustomers({ seed: 7, count: scale.customers, now, spanDays: 730 }),
    actorName: 'bench',
    client: 'system:bench',
  });
  const customerMs = performance.now() - started;
  started = performance.now();
  const loaded = bulkLoadBilling(database.sqlite, {
    tenantId: tenant.id,
    catalog,
    invoicesPer: scale.invoicesPer,
    now,
    seed: 11,
  });
  const billingMs = performance.now() - started;
  database.sqlite.pragma('optimize');
  database.sqlite.pragma('synchronous = NORMAL');
  const rows = loaded.invoices * 3 + loaded.subscriptions * 2;
  const loadReport =
    `SQLite: loaded ${scale.customers.toLocaleString('en')} customers in ${ms(customerMs)}; ${loaded.subscriptions.toLocaleString('en')} subscriptions and ` +
    `${loaded.invoices.toLocaleString('en')} invoices (+ lines and payments) in ${ms(billingMs)} — ${rate(rows, billingMs)}\n`;
  return { ownerId: owner.id, tenantId: tenant.id, catalog, loaded, now, loadReport };
}

async function run(postgres: BenchPostgres): Promise<void> {
  const sqlitePath = join(dir, 'bench.sqlite');
  const cached = FRESH ? null : cachedWorkspace(scale);
  if (cached) copyFileSync(cached.sqlite, sqlitePath);
  const database = openDatabase({ path: sqlitePath });
  const meta = cached?.meta ?? (await loadSqlite(database));
  if (!cached) say(`Kept the SQLite side in ${keepSqliteSide(scale, meta, database.sqlite, sqlitePath)}\n`);
  say(
    cached
      ? `From the bench cache (${cached.sqlite}); the original load:\n${meta.loadReport}`
      : meta.loadReport,
  );
  // The same page cache for timing on every run, fresh load or kept copy.
  database.sqlite.pragma('cache_size = -262144');

  const who = { ownerId: meta.ownerId, tenantId: meta.tenantId };
  const pg = await openPgSide(
    postgres,
    'billing',
    cached?.pgDump ? { restore: cached.pgDump } : { copyFrom: database.sqlite },
    who,
  );
  const { rows: copied, fillMs, analyzeMs } = pg.filled;
  if (copied !== null) {
    meta.loadReport += `PostgreSQL: the same ${copied.toLocaleString('en')} rows copied in ${ms(fillMs)} — ${rate(copied, fillMs)} (batched unnest INSERTs; the billing tables' triggers off, their row log and counts copied)\n`;
    say(`${meta.loadReport.split('\n').at(-2) ?? ''}\n`);
    const kept = await keepPgDump(scale, meta, (path) => pg.dump(path));
    say(`Kept both databases in ${kept} for later runs\n`);
  } else {
    say(`PostgreSQL: restored from the kept dump in ${ms(fillMs)}\n`);
  }
  say(`ANALYZE ${ms(analyzeMs)}\n\n`);

  const { tenantId, catalog, loaded } = meta;
  const sqliteHarness = createHarness(
    database.sqlite,
    database.db,
    await loadPrincipal(database.db, meta.ownerId),
    tenantId,
  );
  const sqliteCases = await billingCases(sqliteHarness.caller, { tenantId, catalog, loaded });
  const pgCases = await billingCases(pg.harness.caller, { tenantId, catalog, loaded });
  const figures: [string, Timings, Timings][] = [];
  for (const [i, [label, call]] of sqliteCases.entries()) {
    const onPg = pgCases[i]?.[1];
    if (!onPg) throw new Error(`no PostgreSQL case for ${label}`);
    const sqliteTimings = await sqliteHarness.measure(label, call, RUNS);
    const pgTimings = await pg.harness.measure(label, onPg, RUNS);
    figures.push([label, sqliteTimings, pgTimings]);
    if (EXPLAIN && label.includes('search')) say(`${label}\n${await pg.harness.explain(onPg)}\n\n`);
  }
  const scaleText = `${loaded.subscriptions.toLocaleString('en')} subscriptions, ${loaded.invoices.toLocaleString('en')} invoices`;
  say(
    `SQLite\n${table(sqliteHarness.rows)}\n\nPostgreSQL (${postgres.origin})\n${table(pg.harness.rows)}\n\n` +
      `Side by side, through the procedure\n${table(sideBySide(figures))}\n\n` +
      `${RUNS} timed runs each after a warm-up; per call, single connection; ${scaleText} on both databases.\n` +
      'A cached entitlement check runs no SQL: its raw figure is the uncached query the cache saves.\n',
  );
  await sqliteHarness.close().catch(() => undefined);
  await pg.close();
  await database.close().catch(() => undefined);
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
