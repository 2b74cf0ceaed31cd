import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from '../../server/db/migrations';
import type { DemoCatalog } from '../../server/modules/catalog';

/**
 * bench:billing's loaded workspace, kept between runs. Loading 1,000,000 invoices (+ lines,
 * payments, and every row-log, list-count and webhook trigger they fire) takes tens of minutes
 * on a loaded machine, on each database; the queries under test do not change the rows. So the
 * first run at a scale keeps the SQLite file and a pg_dump of the PostgreSQL database here, and
 * later runs copy the file and pg_restore the dump (seconds to a few minutes).
 *
 * Keyed by scale, the number of migrations (a new migration reloads) and LOADER_VERSION (bump
 * it when billing-data.ts or the bench's seeding writes different rows; 2: PostgreSQL's row-log
 * entries of the billing tables are SQLite's JSON text, pg-copy.ts).
 */
const LOADER_VERSION = 2;

export interface BillingScale {
  customers: number;
  invoicesPer: number;
}

/** What a run needs to know about the loaded workspace besides its rows. */
export interface BillingWorkspaceMeta {
  ownerId: string;
  tenantId: string;
  catalog: DemoCatalog;
  loaded: { subscriptions: number; invoices: number };
  /** The clock the rows were generated against. */
  now: number;
  /** How the original load went (printed again by later runs, so figures keep their conditions). */
  loadReport: string;
}

export interface CachedWorkspace {
  meta: BillingWorkspaceMeta;
  sqlite: string;
  /** Null when only the SQLite side was kept (a run stopped before PostgreSQL was filled). */
  pgDump: string | null;
}

/** TOLLGATE_BENCH_CACHE, else the system's temporary directory. */
export function benchCacheRoot(): string {
  return process.env.TOLLGATE_BENCH_CACHE ?? join(tmpdir(), 'tollgate-bench-cache');
}

function keyOf(scale: BillingScale): string {
  return `billing-${scale.customers}x${scale.invoicesPer}-m${MIGRATIONS.length}-v${LOADER_VERSION}`;
}

const files = (dir: string) => ({
  meta: join(dir, 'meta.json'),
  sqlite: join(dir, 'billing.sqlite'),
  pgDump: join(dir, 'billing.pgdump'),
});

/** The kept workspace for `scale`, or null when none was saved yet. */
export function cachedWorkspace(scale: BillingScale): CachedWorkspace | null {
  const paths = files(join(benchCacheRoot(), keyOf(scale)));
  if (!existsSync(paths.meta)) return null;
  const meta = JSON.parse(readFileSync(paths.meta, 'utf8')) as BillingWorkspaceMeta;
  return { meta, sqlite: paths.sqlite, pgDump: existsSync(paths.pgDump) ? paths.pgDump : null };
}

/**
 * Keeps a freshly loaded SQLite side (checkpointed, so the main file holds every row) with its
 * meta, as soon as it is loaded: a run stopped later need not load it again. Written beside
 * the final place and renamed into it last, so a run stopped half-way leaves no half-saved cache.
 */
export function keepSqliteSide(
  scale: BillingScale,
  meta: BillingWorkspaceMeta,
  sqlite: BetterSqlite3.Database,
  sqlitePath: string,
): string {
  const final = join(benchCacheRoot(), keyOf(scale));
  const partial = `${final}.partial-${process.pid}`;
  mkdirSync(partial, { recursive: true });
  const paths = files(partial);
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(sqlitePath, paths.sqlite);
    writeFileSync(paths.meta, JSON.stringify(meta));
    rmSync(final, { recursive: true, force: true });
    renameSync(partial, final);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return final;
}

/** Adds the PostgreSQL side's dump (written by `dumpPostgres`) and the updated meta to the kept workspace. */
export async function keepPgDump(
  scale: BillingScale,
  meta: BillingWorkspaceMeta,
  dumpPostgres: (path: string) => Promise<void>,
): Promise<string> {
  const final = join(benchCacheRoot(), keyOf(scale));
  const paths = files(final);
  const partial = `${paths.pgDump}.partial-${process.pid}`;
  try {
    await dumpPostgres(partial);
    renameSync(partial, paths.pgDump);
    writeFileSync(paths.meta, JSON.stringify(meta));
  } finally {
    rmSync(partial, { force: true });
  }
  return final;
}
