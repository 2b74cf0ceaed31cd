/**
 * Sync, on SQLite and on PostgreSQL side by side in one run: the first sync of a fresh desktop
 * replica from a hosted server holding 100k customers and 100k subscriptions (time and rows/s),
 * and incremental pulls of 1k changed rows (p50/p95), over real HTTP on 127.0.0.1, signed in as
 * the tenant's admin — the whole path: the server's filtered row log, JSON over HTTP, the
 * replica applying each page with its cursor.
 *
 * PostgreSQL: TOLLGATE_BENCH_POSTGRES_URL (a superuser's URL), else a throwaway cluster.
 *
 * Beside wall times it prints the CPU time of each phase (this process, and PostgreSQL's backends
 * for the bench's database), which a loaded machine disturbs less.
 *
 *   npm run bench:sync -- [customers] [incremental runs] [--explain] [--only=sqlite|postgres]
 *     [--profile=<dir>]   (V8 CPU profiles of each side's first sync and incremental runs)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { createEmbeddedBackend } from '../server/embedded/backend';
import { systemClock } from '../server/lib/clock';
import { silentLogger } from '../server/lib/logger';
import { sequenceCommittedChanges } from '../server/sync/sequencer';
import { seedTenant, startServer, type RestartableServer } from '../server/sync/desktop/desktop.test-kit';
import { PULL_PAGE } from '../server/sync/desktop/sync-run';
import { explainPull } from './lib/pg-explain';
import { benchPostgres, ratio, type BenchPostgres } from './lib/pg-server';
import {
  CATALOG_COLUMNS,
  CUSTOMER_COLUMNS,
  SUBSCRIPTION_COLUMNS,
  loadSyncTenantPostgres,
  syncTenantRows,
  touchCustomersPostgres,
  type SyncTenantRows,
} from './lib/pg-sync-data';
import { ms, summarize, table, type Summary } from './lib/stats';
import { phaseCpu, profilePhase, type PhaseCpu } from './lib/sync-cpu';

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const EXPLAIN = process.argv.includes('--explain');
const option = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? null;
const ONLY = option('only');
const PROFILE_DIR = option('profile');

const CUSTOMERS = Number(args[0] ?? 100_000);
const RUNS = Number(args[1] ?? 20);
const CHANGES = 1_000;
const SEQUENCER_RUNS = 5;
const PASSWORD = 'bench passphrase, long enough';
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-sync-'));

type Kind = 'sqlite' | 'postgres';

let retried = 0;
/** Time spent waiting for sync.pull's answers (the server's part, and the wire's): a span of each pull. */
let awaitingPulls = 0;
/**
 * A pull sent on a kept-alive connection just as the server closes it (idle past its keep-alive
 * timeout while the replica applied a page: on a loaded machine, now and then) gets no answer.
 * A pull is a GET and reads only: it is sent again, as a browser would, inside the timed run.
 */
const retryingFetch: typeof fetch = async (input, init) => {
  const started = performance.now();
  try {
    return await fetch(input, init);
  } catch (error) {
    if ((init?.method ?? 'GET') !== 'GET') throw error;
    retried++;
    return await fetch(input, init);
  } finally {
    if (urlOf(input).includes('/trpc/sync.pull')) awaitingPulls += performance.now() - started;
  }
};

function urlOf(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

interface Figures {
  loadMs: number;
  /** PostgreSQL: numbering the loaded rows' changes, as the next pull would (decision 110). */
  sequenceMs: number | null;
  initialMs: number;
  rows: number;
  incremental: Summary;
  /** Of each incremental pull: waiting for the server's answer (its query, JSON, HTTP). */
  server: Summary;
  /** Of each incremental pull: the rest (reading the answer, applying it on the replica). */
  desktop: Summary;
  /** PostgreSQL: the sequencer numbering CHANGES changes, alone (part of a pull's wait for the server). */
  sequencing: Summary | null;
  /** CPU milliseconds of the first sync, and of one incremental pull on average. */
  initialCpu: PhaseCpu;
  incrementalCpu: PhaseCpu;
}

const insertSql = (name: string, columns: readonly string[]) =>
  `INSERT INTO ${name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;

function loadSqlite(sqlite: BetterSqlite3.Database, rows: SyncTenantRows): void {
  sqlite.transaction(() => {
    for (const name of ['products', 'plans', 'prices'] as const)
      sqlite.prepare(insertSql(name, CATALOG_COLUMNS[name])).run(...rows.catalog[name]);
    const customer = sqlite.prepare(insertSql('customers', CUSTOMER_COLUMNS));
    const subscription = sqlite.prepare(insertSql('subscriptions', SUBSCRIPTION_COLUMNS));
    for (const [c, s] of rows.customers()) {
      customer.run(...c);
      subscription.run(...s);
    }
  })();
}

/** Changes CHANGES random customers on the server's database; returns a function doing it again. */
async function toucher(server: RestartableServer, url: string | null) {
  if (!url) {
    const update = server.backend.database.sqlite.prepare(
      `UPDATE customers SET notes = ?, version = version + 1 WHERE id IN (SELECT id FROM customers ORDER BY random() LIMIT ${CHANGES})`,
    );
    return {
      touch: (note: string) => Promise.resolve(void update.run(note)),
      close: () => Promise.resolve(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    touch: (note: string) => touchCustomersPostgres(client, note, CHANGES),
    close: () => client.end(),
  };
}

async function runOn(kind: Kind, postgres: BenchPostgres): Promise<Figures> {
  const database = kind === 'postgres' ? await postgres.database('sync') : null;
  const server = await startServer(join(dir, kind), systemClock, 0, {
    postgres: database ? { url: database.url, poolSize: 10 } : null,
  });
  const { tenant, admin } = await seedTenant(server, {
    name: 'Bench',
    slug: 'bench',
    adminEmail: 'admin@bench.test',
    password: PASSWORD,
  });
  const rows = syncTenantRows(tenant.id, Date.now(), CUSTOMERS);
  const loadStart = performance.now();
  if (database) await loadSyncTenantPostgres(database.url, rows);
  else loadSqlite(server.backend.database.sqlite, rows);
  const loadMs = performance.now() - loadStart;
  let sequenceMs: number | null = null;
  if (database) {
    const started = performance.now();
    await sequenceCommittedChanges(server.backend.database.db);
    sequenceMs = performance.now() - started;
    // What autovacuum's analyze gives a server that has held these rows a while (it would by the first sync).
    await sql`ANALYZE`.execute(server.backend.database.db);
  }

  const desktop = await createEmbeddedBackend({
    dataDir: join(dir, `${kind}-desktop`),
    logger: silentLogger,
    demo: false,
    gatewayConfig: {},
    smtpConfig: null,
    stripeEvents: { poll: false },
    sync: { intervalMs: 3_600_000, fetch: retryingFetch },
  });
  const connection = desktop.services.connection;
  if (!connection) throw new Error('the desktop has no connection');
  const started = performance.now();
  const initialCpu = phaseCpu(database?.url ?? null);
  const initialProfile = profilePhase(PROFILE_DIR, `${kind}-first-sync`);
  await connection.connect({ serverUrl: server.url, email: 'admin@bench.test', password: PASSWORD });
  const initialMs = performance.now() - started;
  initialProfile();
  const initialCpuMs = initialCpu();
  const replica = connection.active()?.db;
  if (!replica) throw new Error(`the first sync on ${kind} did not finish`);
  const count = async (name: 'customers' | 'subscriptions') =>
    Number(
      (
        await replica
          .selectFrom(name)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const replicaRows = (await count('customers')) + (await count('subscriptions'));
  if (replicaRows !== CUSTOMERS * 2)
    throw new Error(`the ${kind} replica holds ${replicaRows} rows, not ${CUSTOMERS * 2}`);

  const changes = await toucher(server, database?.url ?? null);
  const samples: number[] = [];
  const serverSamples: number[] = [];
  const incrementalCpu = { node: 0, postgres: 0 };
  const incrementalProfile = profilePhase(PROFILE_DIR, `${kind}-incremental`);
  for (let run = 0; run < RUNS; run++) {
    await changes.touch(`run ${run}`);
    if (EXPLAIN && run === RUNS - 1)
      process.stdout.write(
        `\n${kind}: ${await explainPull(server.backend.database.db, admin.id, tenant.id)}\n`,
      );
    // Read before the clock starts: finding PostgreSQL's backends walks /proc.
    const cpu = phaseCpu(database?.url ?? null);
    const start = performance.now();
    const awaited = awaitingPulls;
    await connection.requestSync();
    samples.push(performance.now() - start);
    // The replica checkpoints once a pull has returned (decision 127): its CPU counts, its wait not.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const used = cpu();
    incrementalCpu.node += used.node / RUNS;
    incrementalCpu.postgres += used.postgres / RUNS;
    serverSamples.push(awaitingPulls - awaited);
    if (connection.status().state !== 'connected')
      throw new Error(`sync on ${kind} failed: ${connection.status().error}`);
  }
  incrementalProfile();
  // PostgreSQL: the sequencer's share of a pull (decision 108), timed alone after the runs: 1,000
  // changes, numbered as the next pull would number them, then pulled (untimed).
  const sequencing: number[] = [];
  for (let run = 0; database && run < SEQUENCER_RUNS; run++) {
    await changes.touch(`numbering ${run}`);
    const begun = performance.now();
    await sequenceCommittedChanges(server.backend.database.db);
    sequencing.push(performance.now() - begun);
    await connection.requestSync();
  }
  await changes.close();
  await desktop.close();
  await server.stop();
  await database?.drop();
  return {
    loadMs,
    sequenceMs,
    initialMs,
    rows: replicaRows,
    incremental: summarize(samples),
    server: summarize(serverSamples),
    desktop: summarize(samples.map((total, i) => total - (serverSamples[i] ?? 0))),
    sequencing: sequencing.length > 0 ? summarize(sequencing) : null,
    initialCpu: initialCpuMs,
    incrementalCpu,
  };
}

type Sides = Partial<Record<Kind, Figures>>;

function report(sides: Sides, origin: string): string {
  const { sqlite, postgres } = sides;
  const rate = (f: Figures) => f.rows / (f.initialMs / 1000);
  const line = (label: string, of: (f: Figures) => number, show: (n: number) => string) => [
    label,
    sqlite ? show(of(sqlite)) : '—',
    postgres ? show(of(postgres)) : '—',
    sqlite && postgres ? ratio(of(postgres), of(sqlite)) : '',
  ];
  const seconds = (n: number) => `${(n / 1000).toFixed(2)} s`;
  // CPU lines show this process's share and PostgreSQL's; the ratio is of their sum.
  const cpuLine = (label: string, of: (f: Figures) => PhaseCpu, show: (n: number) => string) => {
    const shown = line(label, (f) => of(f).node + of(f).postgres, show);
    const split = (f: Figures | undefined) => (f ? `${show(of(f).node)} + ${show(of(f).postgres)}` : '—');
    return [shown[0] ?? label, split(sqlite), split(postgres), shown[3] ?? ''];
  };
  return `${table([
    ['measure', 'SQLite', 'PostgreSQL', 'PG/SQLite'],
    line(
      `server bulk load, ${(CUSTOMERS * 2).toLocaleString('en')} rows (row-log triggers)`,
      (f) => f.loadMs,
      seconds,
    ),
    [
      'PG: numbering the loaded changes (sequencer)',
      '—',
      postgres ? seconds(postgres.sequenceMs ?? 0) : '—',
      '',
    ],
    line(`first sync: sign in + pull + apply (pages of ${PULL_PAGE})`, (f) => f.initialMs, seconds),
    line(
      'first sync rate (aim ≥ 50,000 rows/s)',
      rate,
      (n) => `${Math.round(n).toLocaleString('en')} rows/s`,
    ),
    cpuLine('  first sync CPU: node + PostgreSQL', (f) => f.initialCpu, seconds),
    line(`incremental pull of ${CHANGES} changes, p50`, (f) => f.incremental.p50, ms),
    line(`incremental pull of ${CHANGES} changes, p95 (aim ≤ 100 ms)`, (f) => f.incremental.p95, ms),
    line('  of which waiting for the server, p50', (f) => f.server.p50, ms),
    line('  of which the desktop (read, apply), p50', (f) => f.desktop.p50, ms),
    [
      `  PG: the sequencer numbering ${CHANGES} changes, p50 (${SEQUENCER_RUNS} runs)`,
      '—',
      postgres?.sequencing ? ms(postgres.sequencing.p50) : '—',
      '',
    ],
    cpuLine('  CPU per pull (mean): node + PostgreSQL', (f) => f.incrementalCpu, ms),
  ])}\n\n${RUNS} incremental runs each; ${retried} pull request(s) got no answer and were sent again (timed). PostgreSQL: ${origin}.\n`;
}

async function main(): Promise<void> {
  const postgres = await benchPostgres();
  try {
    const sides: Sides = {};
    if (ONLY !== 'postgres') sides.sqlite = await runOn('sqlite', postgres);
    if (ONLY !== 'sqlite') sides.postgres = await runOn('postgres', postgres);
    process.stdout.write(report(sides, postgres.origin));
  } finally {
    await postgres.stop();
  }
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `bench:sync failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => {
    rmSync(dir, { recursive: true, force: true });
    // A failed run may leave a server or a desktop open, which would keep the process alive.
    if (process.exitCode) process.exit();
  });
