import { PostgresDialect } from 'kysely';
import pg from 'pg';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * BIGINT and NUMERIC arrive from `pg` as strings (they can exceed 2^53). Tollgate's integers
 * are epoch milliseconds, counts and minor units that input validation bounds to 2^53, and
 * SUMs of them: read as numbers, as SQLite returns them, so one repo serves both databases.
 */
const asNumbers = new pg.TypeOverrides();
asNumbers.setTypeParser(INT8_OID, 'text', Number);
asNumbers.setTypeParser(NUMERIC_OID, 'text', Number);

/** A `pg` pool reading numbers as numbers, and Kysely's dialect over it. */
export function openPostgresPool(url: string, poolSize = 10): { pool: pg.Pool; dialect: PostgresDialect } {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: asNumbers });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return { pool, dialect: new PostgresDialect({ pool }) };
}
