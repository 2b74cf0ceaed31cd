import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * What the PostgreSQL test harness does as the server's superuser: make and drop whole
 * databases. Tests get each a fresh database copied from one migrated template (see
 * tests/support/pg-global-setup.ts and server/testing/test-database.test-kit.ts).
 */

/** The URL of database `name` on the same server as `url`. */
export function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * A database name no other run or worker can pick: a test prefix, the process id and random
 * hex, in lower case so it needs no quoting rules beyond the double quotes.
 */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

const quoted = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a harness database name: ${name}`);
  return `"${name}"`;
};

/** One admin connection per URL and process, kept for the process's life but never holding it open. */
const pools = new Map<string, pg.Pool>();
function admin(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    // Not a wait budget: an idle admin connection closes after a second so the process can exit
    // (allowExitOnIdle); nothing waits on it, and a busy machine only reconnects.
    pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true, idleTimeoutMillis: 1000 });
    pool.on('error', () => undefined);
    pools.set(url, pool);
  }
  return pool;
}

/**
 * Copies `template` as a new database `name`. On PostgreSQL 15 and later by FILE_COPY: with
 * the throwaway cluster's minimal WAL it copies the files without logging them (about half
 * the time of 15's default, WAL_LOG, for a small template); before 15 it is the only way.
 */
export async function copyDatabase(url: string, name: string, template: string): Promise<void> {
  const strategy = (await serverVersion(url)) >= 150000 ? ' STRATEGY FILE_COPY' : '';
  await admin(url).query(`CREATE DATABASE ${quoted(name)} TEMPLATE ${quoted(template)}${strategy}`);
}

/** CREATE DATABASE `name`, empty. */
export async function createDatabase(url: string, name: string): Promise<void> {
  await admin(url).query(`CREATE DATABASE ${quoted(name)}`);
}

const versions = new Map<string, Promise<number>>();
function serverVersion(url: string): Promise<number> {
  let version = versions.get(url);
  if (!version) {
    version = admin(url)
      .query<{ server_version_num: string }>('SHOW server_version_num')
      .then(({ rows }) => Number(rows[0]?.server_version_num));
    versions.set(url, version);
  }
  return version;
}

/**
 * Makes `name` a template nothing can connect to, ending the connections still on it:
 * CREATE DATABASE … TEMPLATE refuses a source that has other users, and a pool that was
 * closed may still hold a connection for a moment (or for good, if it was never used).
 */
export async function sealTemplate(url: string, name: string): Promise<void> {
  const pool = admin(url);
  await pool.query(`ALTER DATABASE ${quoted(name)} WITH ALLOW_CONNECTIONS false`);
  await pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
}

/** DROP DATABASE `name`, ending any connection still open on it (a test that forgot to close). */
export async function dropDatabase(url: string, name: string): Promise<void> {
  await admin(url).query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
}

/** Drops every database whose name starts with `prefix_` (what a run's tests left behind). */
export async function dropDatabasesOf(url: string, prefix: string): Promise<void> {
  const { rows } = await admin(url).query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE starts_with(datname, $1 || '_')",
    [prefix],
  );
  for (const { datname } of rows) await dropDatabase(url, datname);
}

/** Ends the admin connections (global teardown, so the main process exits at once). */
export async function closeAdmin(): Promise<void> {
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map((pool) => pool.end()));
}
