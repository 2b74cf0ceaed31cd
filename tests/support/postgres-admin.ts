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
    pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true, idleTimeoutMillis: 1000 });
    pool.on('error', () => undefined);
    pools.set(url, pool);
  }
  return pool;
}

/** CREATE DATABASE `name`, as a copy of `template` when given. */
export async function createDatabase(url: string, name: string, template?: string): Promise<void> {
  await admin(url).query(`CREATE DATABASE ${quoted(name)}${template ? ` TEMPLATE ${quoted(template)}` : ''}`);
}

/** DROP DATABASE `name`, ending any connection still open on it (a test that forgot to close). */
export async function dropDatabase(url: string, name: string): Promise<void> {
  await admin(url).query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
}

/** Ends the admin connections (global teardown, so the main process exits at once). */
export async function closeAdmin(): Promise<void> {
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map((pool) => pool.end()));
}
