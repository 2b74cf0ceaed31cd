/**
 * Revenue analytics at scale, on SQLite: N customers (default 100,000) with one subscription each
 * and 24 months of invoices (each with a plan line and a payment), loaded in bulk by
 * bench/lib/billing-data.ts as bench:billing does; then the revenue reports (revenue.byMonth over
 * the last 12 and 24 months and with a segment, trial conversion, the recovery rate), each timed
 * through the tRPC procedure, through Kysely's driver and as raw SQL, with their ratios.
 *
 * The loaded workspace is kept in the bench cache beside bench:billing's (bench/lib/billing-cache.ts,
 * keyed by scale and schema), so later runs copy it. `--fresh` loads again.
 *
 *   npm run bench:analytics -- [customers] [months] [--fresh] [--runs=100]
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/connection';
import { loadPrincipal } from '../server/modules/tenants';
import { loadBillingWorkspace } from './lib/billing-workspace';
import { cachedWorkspace, keepSqliteSide, type BillingScale } from './lib/billing-cache';
import { createHarness } from './lib/harness';
import { table } from './lib/stats';

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const FRESH = process.argv.includes('--fresh');
const scale: BillingScale = { customers: Number(args[0] ?? 100_000), invoicesPer: Number(args[1] ?? 24) };
const RUNS = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-analytics-'));
const say = (text: string) => process.stdout.write(text);
const month = (ms: number, back = 0) => {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
};

async function run(): Promise<void> {
  const path = join(dir, 'bench.sqlite');
  const cached = FRESH ? null : cachedWorkspace(scale);
  if (cached) copyFileSync(cached.sqlite, path);
  const database = openDatabase({ path });
  const meta = cached?.meta ?? (await loadBillingWorkspace(database, scale, 'bench:analytics'));
  if (!cached) say(`Kept the SQLite side in ${keepSqliteSide(scale, meta, database.sqlite, path)}\n`);
  say(
    cached
      ? `From the bench cache (${cached.sqlite}); the original load:\n${meta.loadReport}`
      : meta.loadReport,
  );
  database.sqlite.pragma('cache_size = -262144');

  const harness = createHarness(
    database.sqlite,
    database.db,
    await loadPrincipal(database.db, meta.ownerId),
    meta.tenantId,
  );
  const to = month(meta.now);
  const cases: [string, Parameters<typeof harness.measure>[1]][] = [
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
  for (const [label, call] of cases) await harness.measure(label, call, RUNS);

  say(
    `\n${table(harness.rows)}\n\n${RUNS} timed runs each after a warm-up; per call, single connection; ` +
      `${meta.loaded.subscriptions.toLocaleString('en')} subscriptions, ${meta.loaded.invoices.toLocaleString('en')} invoices.\n`,
  );
  await harness.close().catch(() => undefined);
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
