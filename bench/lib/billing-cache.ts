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
 * it when billing-data.ts or the bench's seeding writes different rows).
 */
const LOADER_VERSION = 1;

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
  pgDump: string;
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
  return { meta, sqlite: paths.sqlite, pgDump: paths.pgDump };
}

/**
 * Keeps a freshly loaded workspace: the SQLite file (checkpointed, so the main file holds every
 * row) and a dump written by `dumpPostgres`. Written beside the final place and renamed into
 * it last, so a run stopped half-way leaves no half-saved cache.
 */
export async function saveWorkspace(
  scale: BillingScale,
  meta: BillingWorkspaceMeta,
  sqlite: BetterSqlite3.Database,
  sqlitePath: string,
  dumpPostgres: (path: string) => Promise<void>,
): Promise<string> {
  const final = join(benchCacheRoot(), keyOf(scale));
  const partial = `${final}.partial-${process.pid}`;
  mkdirSync(partial, { recursive: true });
  const paths = files(partial);
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(sqlitePath, paths.sqlite);
    await dumpPostgres(paths.pgDump);
    writeFileSync(paths.meta, JSON.stringify(meta));
    rmSync(final, { recursive: true, force: true });
    renameSync(partial, final);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return final;
}
