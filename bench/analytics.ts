/**
 * Revenue analytics at scale, on SQLite, in two parts (`--only=overview` or `--only=revenue`
 * runs one):
 *
 * - The Overview: N customers (default 100,000) with a 24-month MRR history (bench/lib/mrr-history.ts:
 *   the states record.ts writes, derived by the real full rebuild) — `analytics.overview` over 12
 *   and 24 months, unfiltered, with each segment filter alone and with two combinations,
 *   `analytics.movements` (the drill-down's first page of a month's churn, alone and in a
 *   segment) and `analytics.segments`. The history needs no invoices: it is kept at 1 per
 *   customer, whatever `invoices` says.
 * - The revenue reports: N customers with one subscription each and `invoices` (default 24)
 *   months of invoices, each with a plan line and a payment (bench/lib/billing-data.ts) —
 *   revenue.byMonth over 12 and 24 months and with a segment, trial conversion, the recovery rate.
 *
 * Each case is timed through the tRPC procedure, through Kysely's driver and as raw SQL, with
 * their ratios (bench/lib/harness.ts); then the procedure again for its CPU time per call and the
 * load average, since the machine is shared. Both workspaces come from the bench cache
 * (bench/lib/billing-cache.ts, mrr-history.ts); a cached MRR history of an earlier schema is
 * copied and migrated on open, as an upgraded database would be. `--fresh` loads again.
 *
 * `--pg` times the Overview's cases on PostgreSQL too (TOLLGATE_BENCH_POSTGRES_URL, else a throwaway
 * cluster): the workspace and its history copied from SQLite (bench/lib/pg-side.ts, pg-mrr.ts).
 *
 *   npm run bench:analytics -- [customers] [invoices] [--fresh] [--runs=100] [--only=overview|revenue] [--pg]
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { join } from 'node:path';
import { openDatabase, type AppDatabase } from '../server/db/connection';
import { MIGRATIONS } from '../server/db/migrations';
import { loadPrincipal } from '../server/modules/tenants';
import { loadBillingWorkspace } from './lib/billing-workspace';
import {
  benchCacheRoot,
  cachedWorkspace,
  keepSqliteSide,
  type BillingScale,
  type BillingWorkspaceMeta,
} from './lib/billing-cache';
import { createHarness, type BenchCaller } from './lib/harness';
import { openPgSide } from './lib/pg-side';
import { benchPostgres } from './lib/pg-server';
import { copyMrrToPostgres } from './lib/pg-mrr';
import { loadMrrWorkspace, type MrrWorkspaceMeta } from './lib/mrr-history';
import { ms, table } from './lib/stats';

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const option = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const FRESH = process.argv.includes('--fresh');
const PG = process.argv.includes('--pg');
const ONLY = option('only');
const scale: BillingScale = { customers: Number(args[0] ?? 100_000), invoicesPer: Number(args[1] ?? 24) };
const RUNS = Number(option('runs') ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-analytics-'));
const say = (text: string) => process.stdout.write(text);
const month = (ms: number, back = 0) => {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
};

type Case = [string, (c: BenchCaller) => Promise<unknown>];

/** The Overview's cases, on the months before the history's last (the current month is partial). */
async function overviewCases(caller: BenchCaller, meta: BillingWorkspaceMeta): Promise<Case[]> {
  const to = month(meta.now, 1);
  const last12 = { from: month(meta.now, 12), to };
  const last24 = { from: month(meta.now, 24), to };
  const { plans } = meta.catalog;
  // The country with the most customers: the widest single-country read.
  const { countries } = await caller.analytics.segments();
  const country = countries.includes('US') ? 'US' : undefined;
  // The last country listed: a rare segment, whose few rows a month's whole churn must be searched for.
  const rareCountry = countries.at(-1);
  const overview = (label: string, segment: object, range = last12): Case => [
    `analytics.overview, ${label}`,
    (c) => c.analytics.overview({ ...range, segment }),
  ];
  return [
    overview('24 months', {}, last24),
    overview('12 months', {}),
    overview('12 months, plan', { plan: plans.pro }),
    overview('12 months, interval', { interval: 'year' }),
    overview('12 months, currency', { currency: 'EUR' }),
    overview('12 months, country', { country }),
    overview('12 months, source', { source: 'tollgate' }),
    overview('24 months, plan + interval', { plan: plans.pro, interval: 'month' }, last24),
    overview('24 months, country + plan + currency', { country, plan: plans.pro, currency: 'USD' }, last24),
    ['analytics.movements, a month’s churn', (c) => c.analytics.movements({ from: to, to, kind: 'churn' })],
    [
      'analytics.movements, a month’s churn, country + interval',
      (c) => c.analytics.movements({ from: to, to, kind: 'churn', segment: { country, interval: 'month' } }),
    ],
    [
      `analytics.movements, a month’s churn, rare segment (${rareCountry} + yearly)`,
      (c) =>
        c.analytics.movements({
          from: to,
          to,
          kind: 'churn',
          segment: { country: rareCountry, interval: 'year' },
        }),
    ],
    ['analytics.segments', (c) => c.analytics.segments()],
  ];
}

function revenueCases(meta: BillingWorkspaceMeta): Case[] {
  const to = month(meta.now);
  return [
    ['revenue.byMonth, 12 months', (c) => c.revenue.byMonth({ from: month(meta.now, 11), to })],
    ['revenue.byMonth, 24 months', (c) => c.revenue.byMonth({ from: month(meta.now, 23), to })],
    [
      'revenue.byMonth, 12 months, one plan',
      (c) => c.revenue.byMonth({ from: month(meta.now, 11), to, segment: { plan: meta.catalog.plans.pro } }),
    ],
    [
      'revenue.trialConversion, 12 months',
      (c) => c.revenue.trialConversion({ from: month(meta.now, 11), to }),
    ],
    ['revenue.recoveryRate, 12 months', (c) => c.revenue.recoveryRate({ from: month(meta.now, 11), to })],
  ];
}

interface Harness {
  caller: BenchCaller;
  rows: string[][];
  measure(label: string, call: (c: BenchCaller) => Promise<unknown>, runs: number): Promise<unknown>;
}

/** The SQLite harness on a workspace, with the app's cache size. */
async function sqliteHarness(database: AppDatabase, meta: BillingWorkspaceMeta) {
  database.sqlite.pragma('cache_size = -262144');
  return createHarness(
    database.sqlite,
    database.db,
    await loadPrincipal(database.db, meta.ownerId),
    meta.tenantId,
  );
}

/** Times each case three ways, then the procedure alone for its CPU time per call (this process's). */
async function measure(harness: Harness, cases: Case[]) {
  const extra: string[][] = [['CPU per call', 'load']];
  const started = { wall: performance.now(), cpu: process.cpuUsage() };
  for (const [label, call] of cases) {
    await harness.measure(label, call, RUNS);
    const before = process.cpuUsage();
    for (let i = 0; i < RUNS; i++) await call(harness.caller);
    const cpu = process.cpuUsage(before);
    extra.push([ms((cpu.user + cpu.system) / 1000 / RUNS), loadavg()[0]?.toFixed(2) ?? '']);
  }
  const cpu = process.cpuUsage(started.cpu);
  say(
    `\n${table(harness.rows.map((row, i) => [...row, ...(extra[i] ?? [])]))}\n\n` +
      `${RUNS} timed runs each after a warm-up; per call, single connection. All cases: wall ` +
      `${Math.round(performance.now() - started.wall)} ms, CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}.\n`,
  );
}

/** The same cases on PostgreSQL: the workspace and its MRR history copied from SQLite, vacuumed and analyzed. */
async function onPostgres(
  sqlite: BetterSqlite3.Database,
  meta: BillingWorkspaceMeta,
  cases: (c: BenchCaller) => Promise<Case[]>,
) {
  const postgres = await benchPostgres();
  try {
    const side = await openPgSide(postgres, 'analytics', { copyFrom: sqlite }, meta);
    try {
      const started = performance.now();
      const rows = await copyMrrToPostgres(sqlite, side.url);
      await sql`VACUUM ANALYZE`.execute(side.db);
      say(
        `\nPostgreSQL, ${postgres.origin}: the workspace copied (${side.filled.rows?.toLocaleString('en')} rows) ` +
          `in ${Math.round(side.filled.fillMs)} ms, its MRR history (${rows.toLocaleString('en')} rows) in ` +
          `${Math.round(performance.now() - started)} ms. CPU per call is this process's (the server's is not counted).\n`,
      );
      await measure(side.harness, await cases(side.harness.caller));
    } finally {
      await side.close();
    }
  } finally {
    await postgres.stop();
  }
}

/**
 * A cache entry kept under an earlier schema, when none is kept under this one: the cache's key
 * counts migrations, so each new migration would load again (minutes to tens of minutes at
 * 100,000 customers); a copy of the newest earlier one is migrated on open instead, as an
 * upgraded database is. Only an entry whose migrations are this code's first ones, by name.
 */
function earlierCache(prefix: string, file: string): { dir: string; sqlite: string } | null {
  const root = benchCacheRoot();
  if (FRESH || !existsSync(root)) return null;
  const names = readdirSync(root);
  if (names.some((name) => name.startsWith(`${prefix}-m${MIGRATIONS.length}-`))) return null;
  const pattern = new RegExp(`^${prefix}-m(\\d+)-[a-z]\\d+$`);
  const kept = names
    .map((name) => ({ name, migrations: Number(pattern.exec(name)?.[1] ?? NaN) }))
    .filter((k) => k.migrations < MIGRATIONS.length && existsSync(join(root, k.name, 'meta.json')))
    .sort((a, b) => b.migrations - a.migrations)
    .map((k) => ({ dir: join(root, k.name), sqlite: join(root, k.name, file) }));
  return kept.find((k) => migratedBy(k.sqlite)) ?? null;
}

/** Whether the database at `path` went through this code's migrations, in order and by name. */
function migratedBy(path: string): boolean {
  let file: BetterSqlite3.Database | null = null;
  try {
    file = new Database(path, { readonly: true, fileMustExist: true });
    const rows = file.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
      version: number;
      name: string;
    }[];
    return rows.every((row, i) => row.version === i + 1 && MIGRATIONS[i]?.name === row.name);
  } catch {
    return false;
  } finally {
    file?.close();
  }
}

async function mrrWorkspace(history: BillingScale): Promise<{ sqlite: string; meta: MrrWorkspaceMeta }> {
  const older = earlierCache(`mrr-${history.customers}x${history.invoicesPer}`, 'mrr.sqlite');
  if (!older) return loadMrrWorkspace(history, { bench: 'bench:analytics', fresh: FRESH, say });
  say(`MRR history kept under an earlier schema (${older.dir}): migrated on open.\n`);
  const meta = JSON.parse(readFileSync(join(older.dir, 'meta.json'), 'utf8')) as MrrWorkspaceMeta;
  return { sqlite: older.sqlite, meta };
}

/** The billing workspace at this scale, from the cache (of this schema or an earlier one), else loaded. */
function billingWorkspace(): { sqlite: string; meta: BillingWorkspaceMeta } | null {
  const cached = FRESH ? null : cachedWorkspace(scale);
  if (cached) return cached;
  const older = earlierCache(`billing-${scale.customers}x${scale.invoicesPer}`, 'billing.sqlite');
  if (!older) return null;
  say(`Billing workspace kept under an earlier schema (${older.dir}): migrated on open.\n`);
  return {
    sqlite: older.sqlite,
    meta: JSON.parse(readFileSync(join(older.dir, 'meta.json'), 'utf8')) as BillingWorkspaceMeta,
  };
}

async function overview(): Promise<void> {
  const history = await mrrWorkspace({ customers: scale.customers, invoicesPer: 1 });
  const path = join(dir, 'overview.sqlite');
  copyFileSync(history.sqlite, path);
  const database = openDatabase({ path });
  const { meta } = history;
  const tables = new Set(
    (
      database.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[]
    ).map((t) => t.name),
  );
  const rows = (t: string) =>
    tables.has(t)
      ? (database.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n.toLocaleString(
          'en',
        )
      : 'none';
  say(
    `\nThe Overview — ${meta.historyReport}` +
      `mrr_monthly ${rows('mrr_monthly')} rows, mrr_monthly_plans ${rows('mrr_monthly_plans')}, ` +
      `mrr_monthly_countries ${rows('mrr_monthly_countries')}, mrr_cohorts ${rows('mrr_cohorts')}; ` +
      `migrations applied on open: ${database.migration.applied.join(', ') || 'none'}\n`,
  );
  const harness = await sqliteHarness(database, meta);
  await measure(harness, await overviewCases(harness.caller, meta));
  if (PG) await onPostgres(database.sqlite, meta, (caller) => overviewCases(caller, meta));
  // Closing the harness closes the SQLite handle its recording Kysely shares: last.
  await harness.close().catch(() => undefined);
  await database.close().catch(() => undefined);
}

async function revenue(): Promise<void> {
  const path = join(dir, 'bench.sqlite');
  const cached = billingWorkspace();
  if (cached) copyFileSync(cached.sqlite, path);
  const database = openDatabase({ path });
  const meta = cached?.meta ?? (await loadBillingWorkspace(database, scale, 'bench:analytics'));
  if (!cached) say(`Kept the SQLite side in ${keepSqliteSide(scale, meta, database.sqlite, path)}\n`);
  say(
    `\nThe revenue reports — ${cached ? `from the bench cache (${cached.sqlite}); the original load:\n` : ''}${meta.loadReport}` +
      `${meta.loaded.subscriptions.toLocaleString('en')} subscriptions, ${meta.loaded.invoices.toLocaleString('en')} invoices.\n`,
  );
  const harness = await sqliteHarness(database, meta);
  await measure(harness, revenueCases(meta));
  await harness.close().catch(() => undefined);
  await database.close().catch(() => undefined);
}

async function run(): Promise<void> {
  if (ONLY !== 'revenue') await overview();
  if (ONLY !== 'overview') await revenue();
}

run()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    rmSync(dir, { recursive: true, force: true });
    if (process.exitCode) process.exit();
  });
