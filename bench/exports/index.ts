/**
 * Exports at scale: the invoices list of the billing bench's workspace (default 100,000
 * customers × 10 invoices = 1,000,000 invoices, SQLite, as a desktop exports from its own
 * database) exported whole to CSV and to XLSX through `exports.start`, as the console does.
 * Prints each export's wall time, the process's CPU time over it (user + system: the machine
 * is shared, so wall time alone can mislead), the 1-minute load average when it ended, rows
 * per second, file size and peak memory growth (RSS sampled every 20 ms against the RSS
 * before it started), and the targets: CSV ≤ 5 s, XLSX ≤ 30 s, growth ≤ 150 MB. First it
 * reads the list's pages alone through invoices.list (what any export of it costs at least)
 * and through the list's query in the export's pages (what the export reads), and prints each
 * export against them.
 *
 * The workspace is loaded once per scale and kept in the bench cache (TOLLGATE_BENCH_CACHE,
 * shared with bench:billing; see bench/lib/billing-cache.ts).
 *
 *   npm run bench:exports -- [customers] [invoicesPerSubscription] [--fresh] [--csv|--xlsx]
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportFormat } from '../../shared/exports/schema';
import { appProcedures } from '../../server/app/procedures';
import { appRouter } from '../../server/app/router';
import { openDatabase } from '../../server/db/connection';
import { sandboxGateways } from '../../server/gateways/provider';
import { systemClock } from '../../server/lib/clock';
import { silentLogger } from '../../server/lib/logger';
import { ExportRunner } from '../../server/modules/reports';
import { invoicesSource } from '../../server/modules/reports/sources/billing';
import { loadPrincipal } from '../../server/modules/tenants';
import { createCallerFactory } from '../../server/trpc/base';
import { createContext } from '../../server/trpc/context';
import { cachedWorkspace, keepSqliteSide, type BillingScale } from '../lib/billing-cache';
import { loadBillingWorkspace } from '../lib/billing-workspace';

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const scale: BillingScale = { customers: Number(args[0] ?? 100_000), invoicesPer: Number(args[1] ?? 10) };
const FRESH = process.argv.includes('--fresh');
const ONLY = (['csv', 'xlsx'] as const).filter((format) => process.argv.includes(`--${format}`));
const FORMATS = ONLY.length > 0 ? ONLY : (['csv', 'xlsx'] as const);
const TARGETS: Record<Exclude<ExportFormat, 'pdf'>, number> = { csv: 5_000, xlsx: 30_000 };
const MEMORY_TARGET_MB = 150;
const say = (text: string) => process.stdout.write(text);
const mb = (bytes: number) => bytes / 1024 / 1024;

interface Run {
  rows: number;
  /** Wall and CPU (user + system) milliseconds. */
  wall: number;
  cpu: number;
  /** Peak RSS growth over the run, MB. */
  growth: number;
}

/** Runs `work`, sampling RSS every 20 ms against the RSS before it started. */
async function measure(work: () => Promise<number>): Promise<Run> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const rows = await work();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { rows, wall, cpu: (cpu.user + cpu.system) / 1000, growth: mb(peak - before) };
}

function figures(run: Run): string {
  return (
    `${run.rows.toLocaleString('en')} rows in ${(run.wall / 1000).toFixed(2)} s ` +
    `(${Math.round(run.rows / (run.wall / 1000)).toLocaleString('en')} rows/s), CPU ${(run.cpu / 1000).toFixed(2)} s, ` +
    `load ${loadavg()[0]?.toFixed(2)}, peak RSS growth ${run.growth.toFixed(0)} MB`
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-exports-'));
  try {
    const sqlitePath = join(dir, 'bench.sqlite');
    const cached = FRESH ? null : cachedWorkspace(scale);
    if (cached) copyFileSync(cached.sqlite, sqlitePath);
    const database = openDatabase({ path: sqlitePath });
    const meta = cached?.meta ?? (await loadBillingWorkspace(database, scale, 'bench:exports'));
    if (!cached) say(`Kept the workspace in ${keepSqliteSide(scale, meta, database.sqlite, sqlitePath)}\n`);
    say(
      cached
        ? `From the bench cache (${cached.sqlite}); the original load:\n${meta.loadReport}`
        : meta.loadReport,
    );
    const runner = new ExportRunner(database.db, join(dir, 'exports'), silentLogger);
    mkdirSync(runner.directory, { recursive: true });
    const services = {
      db: database.db,
      clock: systemClock,
      logger: silentLogger,
      mode: 'standalone' as const,
      procedures: appProcedures,
      gateways: sandboxGateways(database.db, systemClock),
      exports: runner,
    };
    const caller = createCallerFactory(appRouter)(
      createContext({
        services,
        principal: await loadPrincipal(database.db, meta.ownerId),
        requestedTenantId: meta.tenantId,
        client: { kind: 'system', id: 'bench' },
      }),
    );
    say(`\nExporting all ${meta.loaded.invoices.toLocaleString('en')} invoices (SQLite):\n`);
    // What any export of the list costs at least: its pages read through invoices.list alone.
    const reading = await measure(async () => {
      let cursor: string | null = null;
      let rows = 0;
      do {
        const page = await caller.invoices.list({ cursor, limit: invoicesSource.pageSize });
        rows += page.items.length;
        cursor = page.nextCursor;
      } while (cursor !== null);
      return rows;
    });
    say(`  list ${figures(reading)} (invoices.list's pages alone, read and dropped)\n`);
    // What the export reads: the list's own query in the export's pages (decision 163).
    const query = invoicesSource.query;
    if (!query) throw new Error('the invoices source reads its list through the procedure');
    const queried = await measure(async () => {
      let cursor: string | null = null;
      let rows = 0;
      const view = query.input.parse({}) as Record<string, unknown>;
      do {
        const input = { ...view, cursor, limit: query.pageSize } as never;
        const page = await query.run(database.db, meta.tenantId, input);
        rows += page.items.length;
        cursor = page.nextCursor;
      } while (cursor !== null);
      return rows;
    });
    say(
      `  read ${figures(queried)} (the list's query in ${query.pageSize.toLocaleString('en')}-row pages, as exports read it)\n`,
    );
    for (const format of FORMATS) {
      const run = await measure(async () => {
        const { id } = await caller.exports.start({ source: 'invoices', view: {}, format });
        await runner.settled(id);
        const done = await caller.exports.get({ id });
        if (done.status !== 'done')
          throw new Error(`the ${format} export ended ${done.status}: ${done.error ?? ''}`);
        say(`  ${format.toUpperCase().padEnd(4)} ${mb(done.bytes).toFixed(1)} MB, `);
        return done.rowsDone;
      });
      const verdict = run.wall <= TARGETS[format] && run.growth <= MEMORY_TARGET_MB ? 'within' : 'MISSES';
      say(
        `${figures(run)}; ${(run.wall / reading.wall).toFixed(1)}× the list's read in wall time, ` +
          `${(run.cpu / reading.cpu).toFixed(1)}× in CPU (${(run.cpu / queried.cpu).toFixed(1)}× the export's own read) — ${verdict} the targets ` +
          `(≤ ${TARGETS[format] / 1000} s, ≤ ${MEMORY_TARGET_MB} MB)\n`,
      );
    }
    await database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:exports: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
