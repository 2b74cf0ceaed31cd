/**
 * Customers at scale, on SQLite and on PostgreSQL side by side in one run: loads N generated
 * customers (default 100,000) into a temporary SQLite database and the very same rows into a
 * PostgreSQL one (bench/lib/pg-copy.ts), then times the list page, a deep page and searches
 * three ways — through the tRPC procedure (validation + permission + repo), through the repo
 * (Kysely), and the very same SQL run raw (better-sqlite3; a `pg` connection) — and prints
 * p50/p95 with the overhead ratios, and PostgreSQL's figures over SQLite's.
 *
 * PostgreSQL: TOLLGATE_BENCH_POSTGRES_URL (a superuser's URL), else a throwaway cluster.
 *
 *   npm run bench -- [count]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/connection';
import { bulkLoadCustomers } from '../server/demo/bulk-load';
import { generateCustomers } from '../server/demo/generator';
import { createWorkspace } from '../server/demo/seed';
import { loadPrincipal } from '../server/modules/tenants';
import type { CustomerListInput } from '../shared/customers/schema';
import { createHarness, type BenchCaller, type Timings } from './lib/harness';
import { sideBySide } from './lib/pg-billing-cases';
import { openPgSide } from './lib/pg-side';
import { benchPostgres, type BenchPostgres } from './lib/pg-server';
import { ms, table } from './lib/stats';

const count = Number(process.argv[2] ?? 100_000);
const RUNS = 300;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));

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
  const now = Date.now();
  const { owner, tenant } = await createWorkspace(database.db, {
    ownerName: 'Bench',
    ownerEmail: 'bench@localhost',
    tenantName: 'Bench',
    tenantSlug: 'bench',
    now,
  });
  const loadStart = performance.now();
  bulkLoadCustomers(database.sqlite, {
    tenantId: tenant.id,
    customers: generateCustomers({ seed: 42, count, now }),
    actorName: 'bench',
    client: 'system:bench',
  });
  const loadMs = performance.now() - loadStart;
  // Archive one customer in fifty, so the status filter has something to find.
  database.sqlite.exec(
    "UPDATE customers SET status = 'archived', archived_at = created_at WHERE rowid % 50 = 0",
  );
  database.sqlite.pragma('optimize');
  process.stdout.write(
    `Loaded ${count.toLocaleString('en')} customers (+ audit and change-log rows) in ${ms(loadMs)} — ${Math.round(count / (loadMs / 1000)).toLocaleString('en')} rows/s\n\n`,
  );

  const pg = await openPgSide(
    postgres,
    'customers',
    { copyFrom: database.sqlite },
    {
      ownerId: owner.id,
      tenantId: tenant.id,
    },
  );
  process.stdout.write(
    `PostgreSQL: the same rows copied in ${ms(pg.filled.fillMs)} (batched unnest INSERTs, triggers firing); ANALYZE ${ms(pg.filled.analyzeMs)}\n\n`,
  );
  const pgHarness = pg.harness;
  const harness = createHarness(
    database.sqlite,
    database.db,
    await loadPrincipal(database.db, owner.id),
    tenant.id,
  );
  const sqliteCases = await customerCases(harness.caller);
  const pgCases = await customerCases(pgHarness.caller);
  const figures: [string, Timings, Timings][] = [];
  for (const [i, [label, input]] of sqliteCases.entries()) {
    const onPg = pgCases[i]?.[1] ?? input;
    figures.push([
      label,
      await harness.measure(label, (c) => c.customers.list(input), RUNS),
      await pgHarness.measure(label, (c) => c.customers.list(onPg), RUNS),
    ]);
  }
  process.stdout.write(
    `SQLite\n${table(harness.rows)}\n\nPostgreSQL (${postgres.origin})\n${table(pgHarness.rows)}\n\n` +
      `Side by side, through the procedure\n${table(sideBySide(figures))}\n\n` +
      `${RUNS} timed runs each after a warm-up; times are per call, single connection, ${count.toLocaleString('en')} customers on both databases.\n`,
  );
  await harness.close().catch(() => undefined);
  await pg.close();
  await database.close().catch(() => undefined);
}

/** The cases, with the deep page's cursor found through `caller` (each database hands out its own). */
async function customerCases(caller: BenchCaller): Promise<[string, CustomerListInput][]> {
  const byName = { field: 'name', direction: 'asc' } as const;
  let cursor = (await caller.customers.list({ sort: byName, limit: 1000 })).nextCursor;
  for (let i = 0; i < Math.floor(count / 2000) && cursor; i++) {
    cursor = (await caller.customers.list({ sort: byName, limit: 1000, cursor })).nextCursor;
  }
  return [
    ['first page (newest, 100 rows + total)', { limit: 100 }],
    ['first page sorted by name', { limit: 100, sort: byName }],
    ['deep page by name (middle of the list)', { limit: 100, sort: byName, cursor }],
    ['archived filter', { limit: 100, status: 'archived' }],
    ['search "mar" (common prefix)', { limit: 100, search: 'mar' }],
    ['search "okafor gmail" (two words)', { limit: 100, search: 'okafor gmail' }],
    ['search by email prefix', { limit: 100, search: 'james.smith@' }],
  ];
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
