/**
 * The MRR engine at scale, on SQLite: N subscriptions (default 100,000) with a 24-month history of
 * value states (bench/lib/mrr-history.ts, kept in the bench cache), then
 *   - the full rebuild from nothing (movements and sums empty), again when nothing changed, and
 *     after the past-due setting changed; and the past-due customers' re-derivation the
 *     setting's job and its daily run do instead;
 *   - the incremental path: a subscription command (a seat change billed now; a pause) through
 *     the in-process tRPC caller with the real MRR hook and with the hook connected to a no-op,
 *     alternating, with the ratio and the statements each runs.
 * Each figure is printed with its CPU time and the load average (the machine is shared).
 *
 *   npm run bench:analytics-engine -- [customers] [--fresh] [--runs=200] [--only=rebuild|incremental] [--uncached] [--statements]
 *
 * Its generator's test: npx vitest run --config <a config including bench/**> bench/lib/mrr-history.test.ts
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { openDatabase, type AppDatabase } from '../server/db/connection';
import type { DB } from '../server/db/schema';
import { withStatementCache } from '../server/db/statement-cache';
import { connectMrr } from '../server/modules/billing';
import { recordSubscriptionValue } from '../server/modules/analytics/record';
import { rebuildMovements, rederivePastDueCustomers } from '../server/modules/analytics/rebuild';
import { saveSettings } from '../server/modules/analytics/settings-repo';
import { loadPrincipal } from '../server/modules/tenants';
import { callerOn, type BenchCaller } from './lib/harness';
import { loadMrrWorkspace } from './lib/mrr-history';
import { summarize, table } from './lib/stats';

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const FRESH = process.argv.includes('--fresh');
const CUSTOMERS = Number(args[0] ?? 100_000);
const RUNS = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 200);
/** Only one half of the bench (for profiling one path with node --cpu-prof). */
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? null;
/** The commands' connection without the server's statement cache (as this bench ran before 2026-12). */
const UNCACHED = process.argv.includes('--uncached');
/** With --statements: every statement's count and time of the commands, printed at the end. */
const STATEMENTS = process.argv.includes('--statements')
  ? new Map<string, { n: number; ms: number }>()
  : null;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-engine-'));
const say = (text: string) => process.stdout.write(text);
const load = () => loadavg()[0]?.toFixed(2) ?? '?';

/** Wall and CPU time of one call, with the load average as it started. */
async function clocked<T>(fn: () => Promise<T>) {
  const loadAtStart = load();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await fn();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, wall, cpu: (used.user + used.system) / 1000, load: loadAtStart };
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

function clearDerived(database: AppDatabase, tenantId: string) {
  database.sqlite.transaction(() => {
    for (const table of ['mrr_movements', 'mrr_monthly', 'mrr_cohorts']) {
      database.sqlite.prepare(`DELETE FROM ${table} WHERE tenant_id = ?`).run(tenantId);
      database.sqlite.prepare('DELETE FROM sync_rows WHERE tbl = ?').run(table);
    }
  })();
}

async function rebuilds(database: AppDatabase, tenantId: string, now: number, rows: string[][]) {
  const measure = async (
    label: string,
    prepare: () => Promise<void> | void,
    rebuild: typeof rebuildMovements = rebuildMovements,
  ) => {
    await prepare();
    const { result, wall, cpu, load: at } = await clocked(() => rebuild(database.db, tenantId, now));
    rows.push([label, fmt(wall), fmt(cpu), at, result.differences.toLocaleString('en')]);
    say(`${label}: ${fmt(wall)} wall, ${fmt(cpu)} CPU, load ${at}\n`);
  };
  const settings = (days: number | null) =>
    saveSettings(
      database.db,
      tenantId,
      { reportingCurrency: 'USD', pastDueChurnDays: days, financePackRecipients: [] },
      now,
    );
  await measure('full rebuild from nothing', () => clearDerived(database, tenantId));
  await measure('full rebuild, nothing changed', () => {});
  await measure('full rebuild, nothing changed (again)', () => {});
  await measure('full rebuild after the past-due setting changed (off → 30 days)', () => settings(30));
  await measure('full rebuild after the past-due setting changed (30 days → off)', () => settings(null));
  // What the settings' job runs: only customers with a past-due state (rebuild.ts).
  const pastDue = rederivePastDueCustomers;
  await measure('past-due customers only, setting changed (off → 30 days)', () => settings(30), pastDue);
  await measure('then the full rebuild as a check', () => {});
  await measure('past-due customers only, setting changed (30 days → off)', () => settings(null), pastDue);
  await measure('past-due customers only, daily run (nothing changed)', () => {}, pastDue);
}

/** Active subscriptions billed by card, in a seeded order, for the commands. */
function subscriptionsFor(database: AppDatabase, tenantId: string, count: number) {
  return database.sqlite
    .prepare(
      `SELECT id, price_id AS priceId, quantity FROM subscriptions
       WHERE tenant_id = ? AND status = 'active' AND payment_method_id IS NOT NULL
       ORDER BY substr(id, -6) LIMIT ?`,
    )
    .all(tenantId, count) as { id: string; priceId: string; quantity: number }[];
}

interface Sample {
  ms: number;
  cpu: number;
  statements: number;
  /** Wall time inside the MRR hook (real mode). */
  hook: number;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

async function incremental(
  database: AppDatabase,
  caller: BenchCaller,
  counter: { n: number },
  tenantId: string,
) {
  const subs = subscriptionsFor(database, tenantId, RUNS * 4 + 40);
  const version = (id: string) =>
    (database.sqlite.prepare('SELECT version FROM subscriptions WHERE id = ?').get(id) as { version: number })
      .version;
  const commands: [string, (sub: (typeof subs)[number]) => Promise<unknown>][] = [
    [
      'seat change billed now (changePlan, quantity + 1)',
      (sub) =>
        caller.subscriptions.changePlan({
          id: sub.id,
          priceId: sub.priceId,
          quantity: sub.quantity + 1,
          timing: 'now',
          expectedVersion: version(sub.id),
        }),
    ],
    ['pause', (sub) => caller.subscriptions.pause({ id: sub.id })],
  ];
  const rows = [
    [
      'command',
      'no-op hook p50',
      'mean',
      'real hook p50',
      'mean',
      'real/no-op (mean)',
      'CPU no-op → real (mean)',
      'CPU real/no-op',
      'hook share of the command (wall)',
      'statements no-op → real',
    ],
  ];
  const timing = { hook: 0 };
  const timedHook: typeof recordSubscriptionValue = async (...args) => {
    const started = performance.now();
    try {
      await recordSubscriptionValue(...args);
    } finally {
      timing.hook += performance.now() - started;
    }
  };
  let next = 0;
  for (const [label, command] of commands) {
    const samples = { real: [] as Sample[], noop: [] as Sample[] };
    for (let i = 0; i < RUNS + 10; i++) {
      // Alternating, so both see the same machine; the first 10 pairs warm up.
      for (const mode of ['noop', 'real'] as const) {
        const sub = subs[next++];
        if (!sub) throw new Error('not enough active subscriptions for the runs');
        connectMrr(mode === 'real' ? timedHook : async () => {});
        counter.n = 0;
        timing.hook = 0;
        const cpu = process.cpuUsage();
        const started = performance.now();
        await command(sub);
        const ms = performance.now() - started;
        if (i >= 10) samples[mode].push({ ms, cpu: cpuMs(cpu), statements: counter.n, hook: timing.hook });
      }
    }
    connectMrr(recordSubscriptionValue);
    const noop = summarize(samples.noop.map((s) => s.ms));
    const real = summarize(samples.real.map((s) => s.ms));
    const mean = (list: Sample[], of: (s: Sample) => number) =>
      list.reduce((sum, s) => sum + of(s), 0) / list.length;
    const statements = (list: Sample[]) => mean(list, (s) => s.statements);
    const cpu = { noop: mean(samples.noop, (s) => s.cpu), real: mean(samples.real, (s) => s.cpu) };
    const share = mean(samples.real, (s) => s.hook) / mean(samples.real, (s) => s.ms - s.hook);
    rows.push([
      label,
      fmt(noop.p50),
      fmt(noop.mean),
      fmt(real.p50),
      fmt(real.mean),
      `${((real.mean / noop.mean - 1) * 100).toFixed(1)} %`,
      `${fmt(cpu.noop)} → ${fmt(cpu.real)}`,
      `+${((cpu.real / cpu.noop - 1) * 100).toFixed(1)} %`,
      `+${(share * 100).toFixed(1)} %`,
      `${statements(samples.noop).toFixed(1)} → ${statements(samples.real).toFixed(1)}`,
    ]);
  }
  return rows;
}

async function run(): Promise<void> {
  const workspace = await loadMrrWorkspace(
    { customers: CUSTOMERS, invoicesPer: 1 },
    { bench: 'bench:analytics-engine', fresh: FRESH, say },
  );
  const { meta } = workspace;
  say(`${meta.loadReport}${meta.historyReport}`);
  const path = join(dir, 'engine.sqlite');
  copyFileSync(workspace.sqlite, path);
  const database = openDatabase({ path });
  database.sqlite.pragma('cache_size = -262144');

  if (ONLY !== 'incremental') {
    const rows = [['full rebuild', 'wall', 'CPU', 'load', 'rows differing']];
    await rebuilds(database, meta.tenantId, Date.now(), rows);
    say(`\n${table(rows)}\n\n`);
  }
  if (ONLY === 'rebuild') {
    await database.close().catch(() => undefined);
    return;
  }

  const counter = { n: 0 };
  // The server's connection keeps prepared statements (server/db/connection.ts): so does this one.
  const counting = new Kysely<DB>({
    dialect: new SqliteDialect({
      database: UNCACHED ? database.sqlite : withStatementCache(database.sqlite),
    }),
    log: (event) => {
      if (event.level === 'query') counter.n++;
      if (STATEMENTS) {
        const text = event.query.sql.replace(/\s+/g, ' ').slice(0, 110);
        const kept = STATEMENTS.get(text) ?? { n: 0, ms: 0 };
        kept.n++;
        kept.ms += event.queryDurationMillis;
        STATEMENTS.set(text, kept);
      }
    },
  });
  const caller = callerOn(counting, await loadPrincipal(database.db, meta.ownerId), meta.tenantId);
  const loadAtStart = load();
  const cpu = process.cpuUsage();
  const commandRows = await incremental(database, caller, counter, meta.tenantId);
  const used = process.cpuUsage(cpu);
  say(
    `${table(commandRows)}\n\n${RUNS} timed commands per mode after 10 warm-up pairs, alternating ("hook share": wall time inside the MRR hook ÷ the rest of the command); load ${loadAtStart} → ${load()}, ` +
      `CPU of the whole ${fmt((used.user + used.system) / 1000)}; ${meta.history.states.toLocaleString('en')} states, ` +
      `${meta.history.movements.toLocaleString('en')} movements.\n`,
  );
  if (STATEMENTS) {
    const slowest = [...STATEMENTS].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40);
    say(
      `${table([['statement', 'runs', 'mean'], ...slowest.map(([text, { n, ms }]) => [text, String(n), fmt(ms / n)])])}\n`,
    );
  }
  await counting.destroy().catch(() => undefined);
  await database.close().catch(() => undefined);
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
