import type { Kysely } from 'kysely';
import { can } from '../../shared/permissions';
import type { Principal } from '../trpc/context';
import type { DB } from '../db/schema';
import { dialectOf } from '../db/dialect';
import { visibleTo, type PullScope, type Reach } from './reach';
import { sequenceCommittedChanges } from './sequencer';

/** One replicated row's newest state, or its deletion; `row` is the row as JSON, kept as text. */
export interface RowChange {
  seq: number;
  table: string;
  key: string;
  op: 'upsert' | 'delete';
  row: string | null;
}

export interface PullPage {
  changes: RowChange[];
  /** Pass back as the next cursor; the page's last sequence number (or the one given, if none). */
  cursor: number;
  more: boolean;
  /** How many changes remain from the given cursor, when asked for (a first sync's progress). */
  total: number | null;
  /** Changes when the principal's reach changes; a replica seeing a new one starts over. */
  scope: string;
}

/**
 * The tenants a principal may read, as a replica must see them. A tenant member's suspended
 * tenant is left out, as the console turns them away from it.
 */
export async function scopeOf(db: Kysely<DB>, principal: Principal): Promise<PullScope> {
  if (principal.grants.platformRole !== null) return { all: true };
  const candidates = Object.keys(principal.grants.tenantRoles).filter((id) =>
    can(principal.grants, 'tenants.read', id),
  );
  if (candidates.length === 0) return { all: false, tenantIds: [] };
  const active = await db
    .selectFrom('tenants')
    .select('id')
    .where('id', 'in', candidates)
    .where('status', '=', 'active')
    .execute();
  return { all: false, tenantIds: active.map((t) => t.id).sort() };
}

/** One page's query: the log after `cursor` in sequence order, filtered by `reach`, up to `limit`. */
export function pageQuery(db: Kysely<DB>, reach: Reach, cursor: number, limit: number) {
  return db
    .selectFrom('sync_rows')
    .select(['seq', 'tbl as table', 'pk as key', 'op', 'row'])
    .where('seq', '>', cursor)
    .where(visibleTo(reach, dialectOf(db)))
    .orderBy('seq')
    .limit(limit);
}

/** Changes after `cursor` that `reach` may see, oldest first, at most `limit`. */
export async function readChanges(
  db: Kysely<DB>,
  reach: Reach,
  input: { cursor: number; limit: number; withTotal: boolean },
): Promise<Omit<PullPage, 'scope'>> {
  // PostgreSQL: number what has committed since the last pull before reading past the cursor.
  await sequenceCommittedChanges(db);
  const rows = await pageQuery(db, reach, input.cursor, input.limit).execute();
  let total: number | null = null;
  if (input.withTotal) {
    const counted = await db
      .selectFrom('sync_rows')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seq', '>', input.cursor)
      .where(visibleTo(reach, dialectOf(db)))
      .executeTakeFirstOrThrow();
    total = Number(counted.n);
  }
  return {
    changes: rows,
    cursor: rows.at(-1)?.seq ?? input.cursor,
    more: rows.length === input.limit,
    total,
  };
}
