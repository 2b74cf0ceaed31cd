import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { MrrState } from '../../../shared/analytics/mrr-rules';
import type { DB } from '../../db/schema';
import { chunks } from './bulk-sql';
import { dialectOf } from '../../db/dialect';
import { storedMovementsDigest } from './derive';
import { packedState, unpackState } from './states-repo';

/** Which customers a read covers: those in (after, upTo] (upTo null: to the end), or those named. */
export type CustomerScope = { after: string; upTo: string | null } | { ids: readonly string[] };

/** Customers per `IN (…)` list. */
const IDS_CHUNK = 500;

/** Runs `read` once for a range, or once per slice of the named customers, with the filter of each. */
async function scoped<T>(
  scope: CustomerScope,
  read: (filter: RawBuilder<SqlBool>) => Promise<T[]>,
): Promise<T[]> {
  if (!('ids' in scope)) {
    const { after, upTo } = scope;
    return read(
      upTo === null ? sql`customer_id > ${after}` : sql`customer_id > ${after} AND customer_id <= ${upTo}`,
    );
  }
  const rows: T[] = [];
  for (const ids of chunks(scope.ids, IDS_CHUNK))
    rows.push(...(await read(sql`customer_id IN (${sql.join(ids)})`)));
  return rows;
}

/** Between two states in a customer's text (ASCII's group separator: no field holds it). */
const STATES = '\u001d';

/**
 * The scope's states by customer, each customer's in time order: read as one text per customer
 * (its packed states joined in order by the database), so a rebuild reads 100,000 rows, not
 * 400,000, and needs no grouping of its own.
 */
export async function statesByCustomer(
  db: Kysely<DB>,
  tenantId: string,
  scope: CustomerScope,
): Promise<Map<string, MrrState[]>> {
  const packed = packedState(db);
  const joined =
    dialectOf(db) === 'postgres'
      ? sql<string>`string_agg(${packed}, chr(29) ORDER BY effective_at, seq)`
      : sql<string>`group_concat(${packed}, char(29) ORDER BY effective_at, seq)`;
  const rows = await scoped(scope, (filter) =>
    db
      .selectFrom('mrr_states')
      .select(['customer_id', joined.as('states')])
      .where('tenant_id', '=', tenantId)
      .where(filter)
      .groupBy('customer_id')
      .execute(),
  );
  return new Map(rows.map((row) => [row.customer_id, row.states.split(STATES).map(unpackState)]));
}

/**
 * The scope's customers with stored movements (orphans of a range's customers included), each
 * with its movements' digest (derive.ts: every field of every row in one text).
 */
export async function storedDigestsInScope(
  db: Kysely<DB>,
  tenantId: string,
  scope: CustomerScope,
): Promise<Map<string, string>> {
  const digest = storedMovementsDigest(dialectOf(db));
  const rows = await scoped(scope, (filter) =>
    db
      .selectFrom('mrr_movements')
      .select(['customer_id', digest.as('digest')])
      .where('tenant_id', '=', tenantId)
      .where(filter)
      .groupBy('customer_id')
      .execute(),
  );
  return new Map(rows.map((row) => [row.customer_id, row.digest]));
}
