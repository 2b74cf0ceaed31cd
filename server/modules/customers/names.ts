import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** Customers' names for a page of ids, in one query (archived customers too: history names them). */
export async function customerNames(db: Kysely<DB>, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
