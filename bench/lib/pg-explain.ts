import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf } from '../../server/db/dialect';
import type { DB } from '../../server/db/schema';
import { loadPrincipal } from '../../server/modules/tenants';
import { pageQuery, scopeOf } from '../../server/sync/pull';
import { reachOf } from '../../server/sync/reach';
import { PULL_PAGE } from '../../server/sync/desktop/sync-run';

/**
 * The plans of a pull's page query for `userId`, from the start of the log (a first sync) and
 * from a cursor 2,000 changes before its head (an incremental pull): EXPLAIN ANALYZE on
 * PostgreSQL, EXPLAIN QUERY PLAN on SQLite. For reading why a pull is slow, not for timing.
 */
export async function explainPull(db: Kysely<DB>, userId: string, tenantId: string): Promise<string> {
  const principal = await loadPrincipal(db, userId);
  const reach = reachOf(principal, await scopeOf(db, principal));
  const head = await db
    .selectFrom('sync_rows')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirstOrThrow();
  const postgres = dialectOf(db) === 'postgres';
  const out: string[] = [`pull plans for tenant ${tenantId}`];
  for (const cursor of [0, Math.max(0, Number(head.seq) - 2_000)]) {
    const query = pageQuery(db, reach, cursor, PULL_PAGE).compile();
    const explain = postgres ? 'EXPLAIN (ANALYZE, BUFFERS)' : 'EXPLAIN QUERY PLAN';
    const { rows } = await db.executeQuery<{ 'QUERY PLAN'?: string; detail?: string }>(
      CompiledQuery.raw(`${explain} ${query.sql}`, [...query.parameters]),
    );
    out.push(`-- cursor ${cursor}`, ...rows.map((row) => row['QUERY PLAN'] ?? row.detail ?? ''));
  }
  return out.join('\n');
}
