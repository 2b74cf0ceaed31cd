/**
 * The entitlement check as the platform's services call it: over HTTP with an API key, on
 * a real hosted server on 127.0.0.1 (the tests' composition, production code throughout),
 * with autocannon keeping 1, 16 and 64 requests in flight — requests/s, p50 and p99 — beside
 * the same check called in-process (the service function, and through tRPC's createCaller).
 * The REST route `/api/v1/entitlements/check` is measured when the server has it; the tRPC
 * HTTP route always. autocannon runs in a worker thread, so it and the server each have a
 * core of their own on a 2-core machine. Figures are printed, never asserted.
 *
 *   npm run bench:api -- [seconds per run] [in-process calls]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DAY_MS } from '../shared/billing/periods';
import { newId } from '../shared/ids';
import { createContext, type Principal } from '../server/trpc/context';
import { appRouter } from '../server/app/router';
import { createCallerFactory } from '../server/trpc/base';
import { createApiKey, verifyApiKey } from '../server/auth';
import { bulkLoadCustomers } from '../server/demo/bulk-load';
import { generateCustomers } from '../server/demo/generator';
import { seedDemoCatalog, type DemoCatalog } from '../server/modules/catalog';
import { startTestHostedServer, type TestHostedServer } from '../server/hosted/hosted.test-kit';
import { systemClock } from '../server/lib/clock';
import { checkEntitlement } from '../server/modules/entitlements';
import { insertTenant } from '../server/modules/tenants';
import { restRouter } from '../server/hosted/rest';
import { loadFromChild } from './lib/load';
import { ms, percentile, table } from './lib/stats';

const SECONDS = Number(process.argv[2] ?? 5);
const CALLS = Number(process.argv[3] ?? 20_000);
const IN_FLIGHT = [1, 16, 64] as const;
/** How many (customer, feature) pairs the load cycles through, so the cache sees many customers. */
const PAIRS = 512;
const CUSTOMERS = 5_000;
const UNLIMITED = { perSecond: 1_000_000, burst: 1_000_000 };
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-api-'));

interface Pair {
  customerId: string;
  featureKey: string;
}

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU time of the server's process per check, in microseconds. */
  serverCpuUs: number;
}

/** autocannon measures in whole milliseconds: below one it reports 0. */
const latency = (value: number) => (value === 0 ? '<1 ms' : ms(value));

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** Subscribes each customer to one of the demo plans, straight into the database (its triggers log every row). */
function subscribeAll(sqlite: BetterSqlite3.Database, tenantId: string, catalog: DemoCatalog, now: number) {
  const customers = sqlite
    .prepare('SELECT id FROM customers WHERE tenant_id = ? ORDER BY id')
    .all(tenantId) as { id: string }[];
  const plans = [
    [catalog.plans.free, catalog.prices.freeMonthlyUsd],
    [catalog.plans.pro, catalog.prices.proMonthlyUsd],
    [catalog.plans.enterprise, catalog.prices.enterpriseMonthlyUsd],
  ] as const;
  const insert = sqlite.prepare(`INSERT INTO subscriptions
    (id, tenant_id, customer_id, plan_id, price_id, quantity, currency, status, billing_anchor,
     current_period_start, current_period_end, trial_end_behavior, version, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 1, 'USD', 'active', ?, ?, ?, 'cancel', 1, ?, ?)`);
  sqlite.transaction(() => {
    customers.forEach(({ id }, i) => {
      const [plan, price] = plans[i % plans.length] as (typeof plans)[number];
      insert.run(newId('sub', now), tenantId, id, plan, price, now, now, now + 30 * DAY_MS, now, now);
    });
  })();
}

/** A tenant with generated customers, the demo catalog, a subscription each, and a key that may read billing. */
async function seed(server: TestHostedServer) {
  const { db, sqlite } = server.backend.database;
  const now = Date.now();
  const tenant = await insertTenant(db, { name: 'Bench', slug: 'bench', now });
  bulkLoadCustomers(sqlite, {
    tenantId: tenant.id,
    customers: generateCustomers({ seed: 42, count: CUSTOMERS, now }),
    actorName: 'bench',
    client: 'system:bench',
  });
  const catalog = await seedDemoCatalog(db, tenant.id, now - DAY_MS);
  subscribeAll(sqlite, tenant.id, catalog, now);
  const { key } = await createApiKey(db, {
    tenantId: tenant.id,
    name: 'Course site',
    role: 'viewer',
    scopes: ['billing.read'],
    createdBy: null,
    now,
  });
  const customers = sqlite
    .prepare('SELECT id FROM customers WHERE tenant_id = ? ORDER BY id')
    .all(tenant.id) as { id: string }[];
  const features = await db.selectFrom('features').select('key').where('tenant_id', '=', tenant.id).execute();
  const pairs: Pair[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const customer = customers[(i * 7919) % customers.length];
    const feature = features[i % features.length];
    if (customer && feature) pairs.push({ customerId: customer.id, featureKey: feature.key });
  }
  return { tenantId: tenant.id, key, pairs, features: features.length };
}

/** Calls `call` for each pair in turn, `CALLS` times after a warm-up, one at a time. */
async function inProcess(pairs: readonly Pair[], call: (pair: Pair) => Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < 2_000; i++) await call(pairs[i % pairs.length] as Pair);
  const samples = new Float64Array(CALLS);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const at = performance.now();
    await call(pairs[i % pairs.length] as Pair);
    samples[i] = performance.now() - at;
  }
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    perSecond: CALLS / (elapsed / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    serverCpuUs: (cpu.user + cpu.system) / CALLS,
  };
}

function overHttp(url: string, paths: readonly string[], key: string, connections: number) {
  return loadFromChild({
    url,
    connections,
    duration: SECONDS,
    headers: { authorization: `Bearer ${key}`, 'x-tollgate-client': 'web:bench' },
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
}

const trpcPath = (p: Pair) => `/trpc/entitlements.check?input=${encodeURIComponent(JSON.stringify(p))}`;
const restPath = (p: Pair) =>
  `/api/v1/entitlements/check?customer=${encodeURIComponent(p.customerId)}&feature=${encodeURIComponent(p.featureKey)}`;

/** Whether the server has the REST route yet (it is built beside this bench). */
async function hasRest(url: string, key: string, pair: Pair): Promise<boolean> {
  const response = await fetch(`${url}${restPath(pair)}`, { headers: { authorization: `Bearer ${key}` } });
  await response.arrayBuffer();
  return response.ok;
}

async function main(): Promise<void> {
  const loadBefore = load();
  const server = await startTestHostedServer({
    dir,
    clock: systemClock,
    // The rate limits stay on the path (their cost is measured) but never refuse the bench's load.
    restLimits: { perKey: UNLIMITED, perAddress: UNLIMITED },
  });
  const seedStart = performance.now();
  const world = await seed(server);
  process.stdout.write(
    `Seeded ${CUSTOMERS.toLocaleString('en')} subscribed customers and the demo catalog (${world.features} features) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; ${PAIRS} (customer, feature) pairs in rotation.\n\n`,
  );

  const { db } = server.backend.database;
  const principal: Principal = await verifyApiKey(db, world.key, Date.now());
  const context = () =>
    createContext({
      services: server.backend.services,
      principal,
      client: { kind: 'hosted', id: 'bench' },
      clientAddress: '127.0.0.1',
    });
  const callerFor = createCallerFactory(appRouter);
  const caller = callerFor(context());
  const service = await inProcess(world.pairs, (p) =>
    checkEntitlement(db, world.tenantId, p.customerId, p.featureKey, systemClock),
  );
  const viaCaller = await inProcess(world.pairs, (p) => caller.entitlements.check(p));
  // The REST operation's own procedure (which calls the console's): what REST adds over createCaller.
  const restCaller = createCallerFactory(restRouter)(context());
  const viaRest = await inProcess(world.pairs, (p) =>
    restCaller.entitlements.check({ customer: p.customerId, feature: p.featureKey }),
  );
  const withKey = await inProcess(world.pairs, async (p) => {
    const keyed = await server.backend.contextFromHeaders(
      (name) => (name === 'authorization' ? `Bearer ${world.key}` : null),
      'hosted',
      '127.0.0.1',
    );
    return callerFor(keyed).entitlements.check(p);
  });

  const routes: [string, string[]][] = [['tRPC GET /trpc/entitlements.check', world.pairs.map(trpcPath)]];
  const rest = await hasRest(server.url, world.key, world.pairs[0] as Pair);
  if (rest) routes.unshift(['REST GET /api/v1/entitlements/check', world.pairs.map(restPath)]);

  const rows: string[][] = [
    [
      'how',
      'in flight',
      'checks/s',
      'p50',
      'p99',
      'server CPU/check',
      'checks/s per core',
      'CPU vs createCaller',
    ],
  ];
  const row = (how: string, inFlight: string, f: Figures) =>
    rows.push([
      how,
      inFlight,
      Math.round(f.perSecond).toLocaleString('en'),
      latency(f.p50),
      latency(f.p99),
      `${Math.round(f.serverCpuUs)} µs`,
      Math.round(1e6 / f.serverCpuUs).toLocaleString('en'),
      `${(f.serverCpuUs / viaCaller.serverCpuUs).toFixed(1)}×`,
    ]);
  row('in-process: checkEntitlement()', '1', service);
  row('in-process: tRPC createCaller', '1', viaCaller);
  row('in-process: REST procedure (calls the console one)', '1', viaRest);
  row('in-process: key verified + caller per call', '1', withKey);
  // The floor: the same server answering its health check, no key, no procedure.
  row('HTTP GET /healthz (floor)', '64', await overHttp(server.url, ['/healthz'], world.key, 64));
  for (const [how, paths] of routes) {
    // One short untimed run, so the first figures are not the JIT's warm-up.
    await overHttp(server.url, paths, world.key, 16).catch(() => undefined);
    for (const connections of IN_FLIGHT) {
      row(`HTTP ${how}`, String(connections), await overHttp(server.url, paths, world.key, connections));
    }
  }

  process.stdout.write(
    `${table(rows)}\n\n` +
      `${SECONDS} s per HTTP run (autocannon 9 in a child process, keep-alive); ${CALLS.toLocaleString('en')} in-process calls each, one at a time.\n` +
      `${rest ? '' : 'The REST route is not on this server yet: only the tRPC route was measured.\n'}` +
      `Server CPU/check is this process's CPU time over the run divided by the checks: other load on the machine inflates it far less than requests/s and latency.\n` +
      `${cpus().length} cores; load average (1, 5, 15 min) before: ${loadBefore}, after: ${load()}.\n`,
  );
  await server.stop();
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `bench:api failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
