import { randomBytes } from 'node:crypto';
import { Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../../db/schema';
import { openPostgresPool } from '../../db/postgres-pool';
import { databaseOf, libpqEnv, runPgTool, withDatabase } from './pg-tools';
import { countRowsPostgres, type RowCounts } from './tables';

/**
 * A PostgreSQL backup while the server keeps writing: one REPEATABLE READ transaction exports
 * its snapshot, counts every table in it, and pg_dump dumps that very snapshot
 * (`--snapshot`), so the dump holds exactly the rows counted. The transaction stays open until
 * pg_dump is done: an exported snapshot lives only as long as the transaction that made it.
 */
export async function takePostgresBackup(
  url: string,
  destination: string,
  binDir: string | null,
): Promise<RowCounts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    const rowCounts = await countRowsPostgres(client);
    await runPgTool(
      'pg_dump',
      ['--format=custom', `--snapshot=${rows[0]?.snapshot}`, `--file=${destination}`, '--no-password'],
      libpqEnv(url),
      binDir,
    );
    await client.query('COMMIT');
    return rowCounts;
  } finally {
    await client.end();
  }
}

/** A backup restored into a scratch database on the same server, and how long restoring took. */
export interface ScratchPostgres {
  name: string;
  url: string;
  db: Kysely<DB>;
  restoreMs: number;
  /** Counts every app table of the restored database. */
  count: () => Promise<RowCounts>;
  /** Closes this process's connections to it (the database stays). */
  disconnect: () => Promise<void>;
  /** Disconnects and drops the scratch database. */
  drop: () => Promise<void>;
}

const quoted = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a scratch database name: ${name}`);
  return `"${name}"`;
};

/** CREATE or DROP a whole database, from the server's maintenance connection. */
async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A scratch database's name: the source's (kept short and plain), `_verify_` and random hex. */
export function scratchName(url: string): string {
  return `${plainName(databaseOf(url))}_verify_${randomBytes(4).toString('hex')}`;
}

/** A database name in lower-case letters, digits and underscores, short enough for a suffix (63 bytes at most). */
export const plainName = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 30);

export async function dropDatabase(url: string, name: string): Promise<void> {
  await onServer(url, `DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
}

/**
 * Creates an empty database next to `url`'s, restores `file` into it with pg_restore
 * (stopping at the first error), and opens it. A failed restore drops what it created.
 */
export async function restorePostgresScratch(
  url: string,
  file: string,
  binDir: string | null,
  name = scratchName(url),
): Promise<ScratchPostgres> {
  const started = performance.now();
  await onServer(url, `CREATE DATABASE ${quoted(name)} TEMPLATE template0`);
  try {
    await runPgTool(
      'pg_restore',
      ['--exit-on-error', '--no-owner', '--no-privileges', '--no-password', `--dbname=${name}`, file],
      libpqEnv(url, name),
      binDir,
    );
  } catch (error) {
    await dropDatabase(url, name);
    throw error;
  }
  const restoreMs = Math.round(performance.now() - started);
  const scratchUrl = withDatabase(url, name);
  const { pool, dialect } = openPostgresPool(scratchUrl, 2);
  const db = new Kysely<DB>({ dialect });
  const disconnect = async () => {
    await db.destroy();
    if (!pool.ended) await pool.end();
  };
  return {
    name,
    url: scratchUrl,
    db,
    restoreMs,
    count: async () => {
      const client = await pool.connect();
      try {
        return await countRowsPostgres(client);
      } finally {
        client.release();
      }
    },
    disconnect,
    drop: async () => {
      await disconnect();
      await dropDatabase(url, name);
    },
  };
}
