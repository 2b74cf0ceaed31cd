/**
 * Sync: the first sync of a fresh desktop replica from a hosted server holding 100k customers
 * and 100k subscriptions (time and rows/s), and incremental pulls of 1k changed rows (p50/p95),
 * over real HTTP on 127.0.0.1, signed in as the tenant's admin — the whole path: the server's
 * filtered row log, JSON over HTTP, the replica applying each page with its cursor.
 *
 *   npm run bench:sync -- [customers] [incremental runs]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { newId } from '../shared/ids';
import { createEmbeddedBackend } from '../server/embedded/backend';
import { systemClock } from '../server/lib/clock';
import { silentLogger } from '../server/lib/logger';
import { seedTenant, startServer } from '../server/sync/desktop/desktop.test-kit';
import { PULL_PAGE } from '../server/sync/desktop/sync-run';
import { ms, summarize, table } from './lib/stats';

const CUSTOMERS = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 20);
const CHANGES = 1_000;
const PASSWORD = 'bench passphrase, long enough';
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-sync-'));

/** Customers and one subscription each, written straight into the server (its triggers log every row). */
function load(sqlite: BetterSqlite3.Database, tenantId: string, now: number): void {
  const product = newId('prd', now);
  const plan = newId('pln', now);
  const price = newId('pri', now);
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO products (id, tenant_id, name, status, created_at, updated_at) VALUES (?, ?, 'Courses', 'active', ?, ?)`,
      )
      .run(product, tenantId, now, now);
    sqlite
      .prepare(
        `INSERT INTO plans (id, tenant_id, product_id, name, status, version, created_at, updated_at)
        VALUES (?, ?, ?, 'Pro', 'active', 1, ?, ?)`,
      )
      .run(plan, tenantId, product, now, now);
    sqlite
      .prepare(
        `INSERT INTO prices (id, tenant_id, plan_id, amount, currency, interval, status, created_at, updated_at)
        VALUES (?, ?, ?, 2900, 'USD', 'month', 'active', ?, ?)`,
      )
      .run(price, tenantId, plan, now, now);
    const customer = sqlite.prepare(`INSERT INTO customers
      (id, tenant_id, name, sort_name, email, country, company, status, version, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 'GB', 'Example Ltd', 'active', 1, ?, ?)`);
    const subscription = sqlite.prepare(`INSERT INTO subscriptions
      (id, tenant_id, customer_id, plan_id, price_id, quantity, currency, status, billing_anchor,
       current_period_start, current_period_end, trial_end_behavior, version, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 1, 'USD', 'active', ?, ?, ?, 'cancel', 1, ?, ?)`);
    for (let i = 0; i < CUSTOMERS; i++) {
      const at = now - (CUSTOMERS - i) * 1000;
      const id = newId('cus', at);
      const name = `Customer ${i}`;
      customer.run(id, tenantId, name, name.toLowerCase(), `c${i}@bench.test`, at, at);
      subscription.run(newId('sub', at), tenantId, id, plan, price, at, at, at + 30 * 86_400_000, at, at);
    }
  })();
}

async function main(): Promise<void> {
  const server = await startServer(dir, systemClock);
  const { tenant } = await seedTenant(server, {
    name: 'Bench',
    slug: 'bench',
    adminEmail: 'admin@bench.test',
    password: PASSWORD,
  });
  const loadStart = performance.now();
  load(server.backend.database.sqlite, tenant.id, Date.now());
  const loadMs = performance.now() - loadStart;

  const desktop = await createEmbeddedBackend({
    dataDir: join(dir, 'desktop'),
    logger: silentLogger,
    demo: false,
    gatewayConfig: {},
    smtpConfig: null,
    stripeEvents: { poll: false },
    sync: { intervalMs: 3_600_000 },
  });
  const connection = desktop.services.connection;
  if (!connection) throw new Error('the desktop has no connection');
  const started = performance.now();
  await connection.connect({ serverUrl: server.url, email: 'admin@bench.test', password: PASSWORD });
  const initialMs = performance.now() - started;
  const replica = connection.active()?.db;
  if (!replica) throw new Error('the first sync did not finish');
  const count = async (table: 'customers' | 'subscriptions') =>
    Number(
      (
        await replica
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const replicaRows = (await count('customers')) + (await count('subscriptions'));
  if (replicaRows !== CUSTOMERS * 2)
    throw new Error(`the replica holds ${replicaRows} rows, not ${CUSTOMERS * 2}`);

  const update = server.backend.database.sqlite.prepare(
    `UPDATE customers SET notes = ?, version = version + 1 WHERE id IN (SELECT id FROM customers ORDER BY random() LIMIT ${CHANGES})`,
  );
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    update.run(`run ${run}`);
    const start = performance.now();
    await connection.requestSync();
    samples.push(performance.now() - start);
    if (connection.status().state !== 'connected')
      throw new Error(`sync failed: ${connection.status().error}`);
  }
  const incremental = summarize(samples);

  process.stdout.write(
    `${table([
      ['measure', 'figure'],
      [
        'server bulk load (with row-log triggers)',
        `${(loadMs / 1000).toFixed(1)} s for ${(CUSTOMERS * 2).toLocaleString()} rows`,
      ],
      ['first sync: sign in + pull + apply', `${(initialMs / 1000).toFixed(2)} s (pages of ${PULL_PAGE})`],
      ['first sync rate', `${Math.round(replicaRows / (initialMs / 1000)).toLocaleString()} rows/s`],
      [`incremental pull of ${CHANGES} changes, p50`, ms(incremental.p50)],
      [`incremental pull of ${CHANGES} changes, p95`, ms(incremental.p95)],
      ['incremental runs', String(incremental.runs)],
    ])}\n`,
  );
  await desktop.close();
  await server.stop();
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `bench:sync failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
