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
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { createContext } from '../server/api/context';
import { appRouter } from '../server/api/router';
import { createCallerFactory } from '../server/api/trpc';
import { openDatabase } from '../server/db/connection';
import type { DB } from '../server/db/schema';
import { bulkLoadCustomers } from '../server/demo/bulk-load';
import { generateCustomers } from '../server/demo/generator';
import { createWorkspace } from '../server/demo/seed';
import { sandboxGateways } from '../server/gateways/provider';
import { systemClock } from '../server/lib/clock';
import { silentLogger } from '../server/lib/logger';
import { loadPrincipal } from '../server/modules/tenancy';
import type { CustomerListInput } from '../shared/customers/schema';
import { ms, table, time } from './lib/stats';

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
  const caller = createCallerFactory(appRouter)(
    createContext({
      services: {
        db: database.db,
        clock: systemClock,
        logger: silentLogger,
        mode: 'standalone',
        gateways: sandboxGateways(database.db, systemClock),
      },
      principal,
      requestedTenantId: tenant.id,
      client: { kind: 'system', id: 'bench' },
    }),
  );

  // Capture the exact SQL the procedure runs, to replay it raw.
  let captured: CompiledQuery[] = [];
  const recording = new Kysely<DB>({
    dialect: new SqliteDialect({ database: database.sqlite }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  const recordingCaller = createCallerFactory(appRouter)(
    createContext({
      services: {
        db: recording,
        clock: systemClock,
        logger: silentLogger,
        mode: 'standalone',
        gateways: sandboxGateways(recording, systemClock),
      },
      principal,
      requestedTenantId: tenant.id,
      client: { kind: 'system', id: 'bench' },
    }),
  );

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

  const rows: string[][] = [
    [
      'query',
      'procedure p50',
      'p95',
      'repo+Kysely p50',
      'p95',
      'raw SQL p50',
      'p95',
      'procedure/raw',
      'kysely/raw',
      'rows',
    ],
  ];
  for (const [label, input] of cases) {
    captured = [];
    const result = await recordingCaller.customers.list(input);
    const statements = captured.map((q) => ({
      stmt: database.sqlite.prepare(q.sql),
      params: q.parameters as unknown[],
    }));
    const procedure = await time(() => caller.customers.list(input), RUNS);
    const repo = await time(() => rawViaKysely(database.db, captured), RUNS);
    const raw = await time(() => statements.map(({ stmt, params }) => stmt.all(...params)), RUNS);
    rows.push([
      label,
      ms(procedure.p50),
      ms(procedure.p95),
      ms(repo.p50),
      ms(repo.p95),
      ms(raw.p50),
      ms(raw.p95),
      `${(procedure.p50 / raw.p50).toFixed(2)}×`,
      `${(repo.p50 / raw.p50).toFixed(2)}×`,
      String(result.items.length),
    ]);
  }
  process.stdout.write(
    `${table(rows)}\n\n${RUNS} timed runs each after a warm-up; times are per call, single connection, ${count.toLocaleString('en')} customers.\n`,
  );
  await recording.destroy().catch(() => undefined);
  await database.close().catch(() => undefined);
}

/** The captured statements executed through Kysely's driver (no query building), to isolate its cost. */
async function rawViaKysely(db: Kysely<DB>, queries: readonly CompiledQuery[]): Promise<void> {
  for (const query of queries) await db.executeQuery(query);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
