import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { DB } from '../../server/db/schema';
import type { Principal } from '../../server/trpc/context';
import { callerOn, type BenchCaller, type Timings } from './harness';
import { ms, time } from './stats';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Numbers as numbers, as the app's pool reads them (server/db/postgres-pool.ts), so raw rows cost the same. */
function appTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, 'text', Number);
  types.setTypeParser(NUMERIC_OID, 'text', Number);
  return types;
}

/**
 * bench/lib/harness.ts on PostgreSQL: a procedure through tRPC (on the app's Kysely), the SQL it
 * ran through Kysely's driver alone, and the same SQL raw on one `pg` connection as named
 * (prepared once, planned per PostgreSQL's plan cache) statements. The SQL is captured on
 * PostgreSQL, so it is the dialect's own.
 */
export async function createPgHarness(url: string, db: Kysely<DB>, principal: Principal, tenantId: string) {
  let captured: CompiledQuery[] = [];
  const recordingPool = new pg.Pool({ connectionString: url, max: 1, types: appTypes() });
  const recording = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: recordingPool }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  const raw = new pg.Client({ connectionString: url, types: appTypes() });
  await raw.connect();
  const caller = callerOn(db, principal, tenantId);
  const recorder = callerOn(recording, principal, tenantId);
  let named = 0;
  const rows: string[][] = [
    [
      'query',
      'procedure p50',
      'p95',
      'Kysely driver p50',
      'p95',
      'raw SQL p50',
      'p95',
      'procedure/raw',
      'driver/raw',
    ],
  ];

  return {
    caller,
    rows,
    async measure(label: string, call: (c: BenchCaller) => Promise<unknown>, runs: number): Promise<Timings> {
      captured = [];
      await call(recorder);
      const queries = captured;
      const statements = queries.map((q) => ({
        name: `bench_${++named}`,
        text: q.sql,
        values: [...q.parameters],
      }));
      const procedure = await time(() => call(caller), runs);
      const driver = await time(async () => {
        for (const query of queries) await db.executeQuery(query);
      }, runs);
      const rawTimes = await time(async () => {
        for (const statement of statements) await raw.query(statement);
      }, runs);
      rows.push([
        label,
        ms(procedure.p50),
        ms(procedure.p95),
        ms(driver.p50),
        ms(driver.p95),
        ms(rawTimes.p50),
        ms(rawTimes.p95),
        `${(procedure.p50 / rawTimes.p50).toFixed(2)}×`,
        `${(driver.p50 / rawTimes.p50).toFixed(2)}×`,
      ]);
      return { procedure, driver, raw: rawTimes };
    },
    /** The plan of the SQL `call` runs, with actual times (EXPLAIN ANALYZE), for reading a slow case. */
    async explain(call: (c: BenchCaller) => Promise<unknown>): Promise<string> {
      captured = [];
      await call(recorder);
      const plans: string[] = [];
      for (const query of captured) {
        const { rows: lines } = await raw.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`,
          [...query.parameters],
        );
        plans.push(query.sql, ...lines.map((line) => line['QUERY PLAN']));
      }
      return plans.join('\n');
    },
    async close() {
      await recording.destroy();
      await raw.end();
    },
  };
}
