import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { openPostgres } from '../../server/db/connection';
import { loadPrincipal } from '../../server/modules/tenants';
import { copyToPostgres } from './pg-copy';
import { createPgHarness } from './pg-harness';
import type { BenchPostgres } from './pg-server';

const run = promisify(execFile);

/** pg_dump / pg_restore: PostgreSQL 15's own when installed there (the dev cluster's version), else PATH's. */
function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const own = join('/usr/lib/postgresql/15/bin', name);
  return existsSync(own) ? own : name;
}

/** Where a bench's PostgreSQL rows come from: the SQLite database's rows (copied), or a dump saved by an earlier run. */
export type PgSource = { copyFrom: BetterSqlite3.Database } | { restore: string };

/**
 * A bench's PostgreSQL side, the same for every bench: a database of its own on `postgres`,
 * filled from `source`, VACUUMed and ANALYZEd (as autovacuum keeps a server that has held these
 * rows a while: statistics, and the visibility map that lets an index-only scan skip the heap —
 * without it the list indexes that carry the customer, migration 0024, are read like any other),
 * opened as the app opens it, and its timing harness.
 *
 * A restore goes into the empty database before the app opens it (the dump carries the
 * migrated schema; triggers are created after the data, so none fire on restored rows); a copy
 * goes into the database the app has just migrated, every trigger firing.
 */
export async function openPgSide(
  postgres: BenchPostgres,
  label: string,
  source: PgSource,
  who: { ownerId: string; tenantId: string },
) {
  const database = await postgres.database(label);
  const started = performance.now();
  let rows: number | null = null;
  if ('restore' in source) {
    await run(pgTool('pg_restore'), ['--no-owner', '--jobs=2', `--dbname=${database.url}`, source.restore], {
      maxBuffer: 1 << 24,
    });
  }
  const app = await openPostgres({ url: database.url, poolSize: 10 });
  if ('copyFrom' in source) {
    const copied = await copyToPostgres(source.copyFrom, database.url);
    rows = [...copied.values()].reduce((sum, n) => sum + n, 0);
  }
  const fillMs = performance.now() - started;
  const analyzeStarted = performance.now();
  await sql`VACUUM ANALYZE`.execute(app.db);
  const analyzeMs = performance.now() - analyzeStarted;
  const harness = await createPgHarness(
    database.url,
    app.db,
    await loadPrincipal(app.db, who.ownerId),
    who.tenantId,
  );
  return {
    url: database.url,
    db: app.db,
    harness,
    /** Rows copied (null for a restore), and how long filling and ANALYZE took. */
    filled: { rows, fillMs, analyzeMs, restored: 'restore' in source },
    /** Saves the database as a dump (custom format) at `path`, for a later run's restore. */
    async dump(path: string) {
      await run(pgTool('pg_dump'), ['--format=custom', '--compress=1', `--file=${path}`, database.url], {
        maxBuffer: 1 << 24,
      });
    },
    async close() {
      await harness.close().catch(() => undefined);
      await app.close().catch(() => undefined);
    },
  };
}
