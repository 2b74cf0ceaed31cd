/**
 * Customers at scale: loads N generated customers (default 100,000) into a temporary
 * database, then times the list page, a deep page and searches three ways — through the
 * tRPC procedure (validation + permission + repo), through the repo (Kysely), and the very
 * same SQL run raw on better-sqlite3 — and prints p50/p95 with the overhead ratios.
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
import { createHarness } from './lib/harness';
import { ms, table } from './lib/stats';

const count = Number(process.argv[2] ?? 100_000);
const RUNS = 300;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));

async function main(): Promise<void> {
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

  const principal = await loadPrincipal(database.db, owner.id);
  const harness = createHarness(database.sqlite, database.db, principal, tenant.id);
  const { caller } = harness;

  const middle = await caller.customers.list({ sort: { field: 'name', direction: 'asc' }, limit: 1000 });
  let cursor = middle.nextCursor;
  for (let i = 0; i < Math.floor(count / 2000) && cursor; i++) {
    cursor = (await caller.customers.list({ sort: { field: 'name', direction: 'asc' }, limit: 1000, cursor }))
      .nextCursor;
  }

  const cases: [string, CustomerListInput][] = [
    ['first page (newest, 100 rows + total)', { limit: 100 }],
    ['first page sorted by name', { limit: 100, sort: { field: 'name', direction: 'asc' } }],
    [
      'deep page by name (middle of the list)',
      { limit: 100, sort: { field: 'name', direction: 'asc' }, cursor },
    ],
    ['archived filter', { limit: 100, status: 'archived' }],
    ['search "mar" (common prefix)', { limit: 100, search: 'mar' }],
    ['search "okafor gmail" (two words)', { limit: 100, search: 'okafor gmail' }],
    ['search by email prefix', { limit: 100, search: 'james.smith@' }],
  ];

  for (const [label, input] of cases) await harness.measure(label, (c) => c.customers.list(input), RUNS);
  process.stdout.write(
    `${table(harness.rows)}\n\n${RUNS} timed runs each after a warm-up; times are per call, single connection, ${count.toLocaleString('en')} customers.\n`,
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
