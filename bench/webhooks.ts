/**
 * Webhook ingestion: the endpoint's throughput (events/s) and latency under concurrent load
 * on 127.0.0.1 — real hosted-server processes, their processors running as in production —
 * beside what one delivery costs in process: the signature check alone, and the check plus
 * the inbox insert (as the endpoint does it, and through Kysely's query builder instead).
 * Measured in one run on both databases: one instance on SQLite, and two instances behind
 * nginx on one PostgreSQL database (a throwaway cluster, or a fresh database on the server
 * at TOLLGATE_BENCH_POSTGRES_URL, an admin URL), with the ratio between them.
 *
 * Each level also prints where the CPU went: milliseconds of CPU per event, per process role.
 *
 *   npm run bench:webhooks -- [events per load level] [sqlite|postgres: only that side]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/connection';
import { createWorkspace } from '../server/demo/seed';
import { systemClock } from '../server/lib/clock';
import { createWebhookReceiver } from '../server/modules/stripe-events';
import { inboxEvent, insertInboxEvent } from '../server/modules/stripe-events/inbox';
import { verifyDelivery } from '../server/modules/stripe-events/signature';
import { sealStripeSecret } from '../server/modules/stripe-events/sealed-secret';
import { newSecretKey } from '../server/lib/secret-box';
import { installSecretKeys } from '../server/lib/secrets-at-rest';
import { newWebhookSecret, type Delivery } from '../tests/fakes/stripe/webhooks';
import { ms, table } from './lib/stats';
import { ratio } from './lib/pg-server';
import { measureCpu } from './lib/webhook-cpu';
import { startWebhookFleet } from './lib/webhook-fleet';
import { deliveries, load, withP99, type Timing } from './lib/webhook-load';

const perLevel = Number(process.argv[2] ?? 10_000);
const only = process.argv[3];
const ALONE_RUNS = 5_000;
const LEVELS = [1, 16, 64];
/** Two instances, as deploy/nginx/tollgate.conf; ten connections each, the hosted default. */
const POSTGRES = { instances: 2, poolSize: 10 };
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-webhooks-'));
const secret = newWebhookSecret();

async function timeEach(items: Delivery[], run: (d: Delivery) => unknown): Promise<Timing> {
  const samples: number[] = [];
  for (const item of items) {
    const start = performance.now();
    await run(item);
    samples.push(performance.now() - start);
  }
  return withP99(samples);
}

/** The costs of one delivery in process, with no HTTP. */
async function alone() {
  const database = openDatabase({ path: join(dir, 'alone.sqlite') });
  const { tenant } = await createWorkspace(database.db, {
    ownerName: 'Bench',
    ownerEmail: 'bench@localhost',
    tenantName: 'Bench',
    tenantSlug: 'bench',
    now: Date.now(),
  });
  // Stored sealed, as a backend stores it (its key installed at start).
  installSecretKeys({ current: newSecretKey(), previous: [] });
  database.sqlite
    .prepare('INSERT INTO stripe_webhook_endpoints (tenant_id, secret, updated_at) VALUES (?, ?, ?)')
    .run(tenant.id, sealStripeSecret(tenant.id, secret), Date.now());
  const receiver = createWebhookReceiver({ db: database.db, sqlite: database.sqlite, clock: systemClock });
  const verifyOnly = await timeEach(deliveries(ALONE_RUNS, secret), (d) =>
    verifyDelivery(Buffer.from(d.body), d.headers['stripe-signature'], secret, Date.now()),
  );
  const prepared = await timeEach(deliveries(ALONE_RUNS, secret), (d) =>
    receiver.receive(tenant.id, Buffer.from(d.body), d.headers['stripe-signature']),
  );
  const built = await timeEach(deliveries(ALONE_RUNS, secret), async (d) => {
    const verified = verifyDelivery(Buffer.from(d.body), d.headers['stripe-signature'], secret, Date.now());
    if (!verified.ok) throw new Error(verified.reason);
    const event = inboxEvent(tenant.id, verified.event, d.body, 'webhook');
    await insertInboxEvent(database.db, event, Date.now());
  });
  await database.close();
  return { verifyOnly, prepared, built };
}

type LevelResult = Awaited<ReturnType<typeof load>> & { cpuMs: Record<string, number>; wallMs: number };

/** Each load level against one fleet, after a warm-up; the fleet is stopped after. */
async function measureFleet(
  postgres: typeof POSTGRES | null,
): Promise<{ label: string; origin: string; levels: LevelResult[] }> {
  const fleet = await startWebhookFleet({ dir: join(dir, postgres ? 'pg' : 'sqlite'), secret, postgres });
  try {
    await load(fleet.endpoint, deliveries(1000, secret), 16); // warm-up
    const levels: LevelResult[] = [];
    for (const concurrency of LEVELS) {
      const items = deliveries(perLevel, secret);
      const cpu = measureCpu({ 'load generator': () => [process.pid], ...fleet.cpuRoles });
      const started = performance.now();
      const result = await load(fleet.endpoint, items, concurrency);
      levels.push({ ...result, cpuMs: cpu(), wallMs: performance.now() - started });
    }
    return { label: fleet.label, origin: fleet.origin, levels };
  } finally {
    await fleet.stop();
  }
}

type FleetResult = Awaited<ReturnType<typeof measureFleet>>;

/** Per fleet and level: CPU ms per event by process role, and the whole machine's share used. */
function cpuTable(fleets: FleetResult[]): string {
  const roles = [...new Set(fleets.flatMap((f) => f.levels.flatMap((l) => Object.keys(l.cpuMs))))];
  const rows = [['CPU ms per event', ...roles, 'all', 'cores busy']];
  for (const fleet of fleets) {
    fleet.levels.forEach((level, n) => {
      const total = Object.values(level.cpuMs).reduce((sum, used) => sum + used, 0);
      rows.push([
        `${fleet.label}, ${LEVELS[n]} in flight`,
        ...roles.map((role) =>
          role in level.cpuMs ? ((level.cpuMs[role] ?? 0) / perLevel).toFixed(3) : '—',
        ),
        (total / perLevel).toFixed(3),
        (total / level.wallMs).toFixed(2),
      ]);
    });
  }
  return table(rows);
}

function ratioTable(sqlite: FleetResult, postgres: FleetResult): string {
  const ratios: string[][] = [['in flight', 'events/s PG / SQLite', 'p50 PG / SQLite', 'p99 PG / SQLite']];
  LEVELS.forEach((concurrency, n) => {
    const [lite, pg] = [sqlite.levels[n], postgres.levels[n]];
    if (!lite || !pg) return;
    ratios.push([
      String(concurrency),
      ratio(pg.perSecond, lite.perSecond),
      ratio(pg.p50, lite.p50),
      ratio(pg.p99, lite.p99),
    ]);
  });
  return table(ratios);
}

async function main(): Promise<void> {
  const costs = await alone();
  const sqlite = only === 'postgres' ? null : await measureFleet(null);
  const postgres = only === 'sqlite' ? null : await measureFleet(POSTGRES);
  const fleets = [sqlite, postgres].filter((fleet): fleet is FleetResult => fleet !== null);
  const base = costs.prepared.p50;
  const rows: string[][] = [['measured', 'p50', 'p99', 'events/s', 'p50 / (verify + insert)']];
  const inProcess = (label: string, s: Timing) =>
    rows.push([
      label,
      ms(s.p50),
      ms(s.p99),
      Math.round(1000 / s.mean).toLocaleString('en'),
      `${(s.p50 / base).toFixed(2)}×`,
    ]);
  inProcess('signature check alone (in process)', costs.verifyOnly);
  inProcess('check + insert, SQLite (prepared, as the endpoint)', costs.prepared);
  inProcess('check + insert, SQLite (Kysely query builder)', costs.built);
  for (const fleet of fleets) {
    fleet.levels.forEach((result, n) =>
      rows.push([
        `${fleet.label}, ${LEVELS[n]} in flight`,
        ms(result.p50),
        ms(result.p99),
        Math.round(result.perSecond).toLocaleString('en'),
        `${(result.p50 / base).toFixed(2)}×`,
      ]),
    );
  }
  process.stdout.write(
    `${table(rows)}\n\n${sqlite && postgres ? `${ratioTable(sqlite, postgres)}\n\n` : ''}` +
      `${cpuTable(fleets)}\n\n` +
      `In-process rows: ${ALONE_RUNS.toLocaleString('en')} deliveries each, one at a time (events/s = 1 / mean).\n` +
      `Endpoint rows: ${perLevel.toLocaleString('en')} new events per level to hosted-server processes on 127.0.0.1 (their\n` +
      `processors marking them ignored meanwhile); the load generator runs in this process. Bodies ~2.5 kB.\n` +
      `PostgreSQL: ${POSTGRES.instances} instances (pool of ${POSTGRES.poolSize} each) behind nginx, one database: ${postgres?.origin ?? 'not run'}.\n` +
      `The processor yields to I/O between events, so deliveries are answered while it works.\n` +
      `CPU: user + system time from /proc during each level; "PostgreSQL backends" are the bench database's\n` +
      `connections (not the server's background writers); "cores busy" is all of it over the level's wall time.\n`,
  );
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
