import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { MrrState } from '../../../shared/analytics/mrr-rules';
import type { DB } from '../../db/schema';
import { chunks } from './bulk-sql';
import { STORED_MOVEMENT_KEY } from './derive';
import { packedState, unpackState } from './states-repo';

/** A stored movement as a rebuild first reads it: its customer, id and every other field in one text. */
export interface StoredKey {
  customer_id: string;
  id: string;
  key: string;
}

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

/** The scope's stored movements as keys (orphans of a range's customers included). */
export function storedKeysInScope(
  db: Kysely<DB>,
  tenantId: string,
  scope: CustomerScope,
): Promise<StoredKey[]> {
  return scoped(scope, (filter) =>
    db
      .selectFrom('mrr_movements')
      .select(['customer_id', 'id', STORED_MOVEMENT_KEY.as('key')])
      .where('tenant_id', '=', tenantId)
      .where(filter)
      .execute(),
  );
}
