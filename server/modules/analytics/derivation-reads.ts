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

/** The scope's states in time order per customer, each read as one packed text. */
export async function statesInScope(
  db: Kysely<DB>,
  tenantId: string,
  scope: CustomerScope,
): Promise<MrrState[]> {
  const rows = await scoped(scope, (filter) =>
    db
      .selectFrom('mrr_states')
      .select(packedState(db).as('packed'))
      .where('tenant_id', '=', tenantId)
      .where(filter)
      .orderBy('customer_id')
      .orderBy('effective_at')
      .orderBy('seq')
      .execute(),
  );
  return rows.map((row) => unpackState(row.packed));
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
