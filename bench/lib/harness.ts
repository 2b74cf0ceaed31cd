import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { createContext, type Principal } from '../../server/trpc/context';
import { appRouter } from '../../server/app/router';
import { createCallerFactory } from '../../server/trpc/base';
import type { DB } from '../../server/db/schema';
import { sandboxGateways } from '../../server/gateways/provider';
import { systemClock } from '../../server/lib/clock';
import { silentLogger } from '../../server/lib/logger';
import { ms, time, type Summary } from './stats';
import { appProcedures } from '../../server/app/procedures';

const callerFor = createCallerFactory(appRouter);
export type BenchCaller = ReturnType<typeof callerFor>;

export function callerOn(db: Kysely<DB>, principal: Principal, tenantId: string): BenchCaller {
  return callerFor(
    createContext({
      services: {
        db,
        clock: systemClock,
        logger: silentLogger,
        mode: 'standalone',
        procedures: appProcedures,
        gateways: sandboxGateways(db, systemClock),
      },
      principal,
      requestedTenantId: tenantId,
      client: { kind: 'system', id: 'bench' },
    }),
  );
}

/** One case's figures: through tRPC, through Kysely's driver, and as raw SQL. */
export interface Timings {
  procedure: Summary;
  driver: Summary;
  raw: Summary;
}

/**
 * Times a procedure three ways: through tRPC (validation, permission, service, repo),
 * through Kysely's driver alone (the captured SQL, no query building), and the same SQL
 * as prepared better-sqlite3 statements — so each layer's cost shows as a ratio.
 */
export function createHarness(
  sqlite: BetterSqlite3.Database,
  db: Kysely<DB>,
  principal: Principal,
  tenantId: string,
) {
  let captured: CompiledQuery[] = [];
  const recording = new Kysely<DB>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  const caller = callerOn(db, principal, tenantId);
  const recorder = callerOn(recording, principal, tenantId);
  const header = [
    'query',
    'procedure p50',
    'p95',
    'Kysely driver p50',
    'p95',
    'raw SQL p50',
    'p95',
    'procedure/raw',
    'driver/raw',
  ];
  const rows: string[][] = [header];

  return {
    caller,
    rows,
    async measure(label: string, call: (c: BenchCaller) => Promise<unknown>, runs: number): Promise<Timings> {
      captured = [];
      await call(recorder);
      const queries = captured;
      const statements = queries.map((q) => ({
        stmt: sqlite.prepare(q.sql),
        params: q.parameters as unknown[],
      }));
      const procedure = await time(() => call(caller), runs);
      const driver = await time(async () => {
        for (const query of queries) await db.executeQuery(query);
      }, runs);
      const raw = await time(
        () => statements.map(({ stmt, params }) => (stmt.reader ? stmt.all(...params) : stmt.run(...params))),
        runs,
      );
      rows.push([
        label,
        ms(procedure.p50),
        ms(procedure.p95),
        ms(driver.p50),
        ms(driver.p95),
        ms(raw.p50),
        ms(raw.p95),
        `${(procedure.p50 / raw.p50).toFixed(2)}×`,
        `${(driver.p50 / raw.p50).toFixed(2)}×`,
      ]);
      return { procedure, driver, raw };
    },
    close: () => recording.destroy(),
  };
}
