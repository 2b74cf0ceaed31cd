import { createHash } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { can } from '../../shared/permissions';
import type { Principal } from '../api/context';
import type { DB } from '../db/schema';

/** What a principal's replica may hold: every tenant (platform staff) or these tenants only. */
export type PullScope = { all: true } | { all: false; tenantIds: string[] };

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
    can(principal.grants, 'workspace.read', id),
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

export function scopeFingerprint(principal: Principal, scope: PullScope): string {
  const reach = scope.all ? '*' : scope.tenantIds.join(',');
  return createHash('sha256').update(`${principal.userId}|${reach}`).digest('hex').slice(0, 16);
}

/**
 * A tenant's rows, plus the users who are members of one of its tenants. Platform-level rows
 * (platform memberships and audit entries) carry no tenant and so reach platform staff only.
 */
function visibleTo(scope: PullScope) {
  return (eb: ExpressionBuilder<DB, 'sync_rows'>): Expression<SqlBool> => {
    if (scope.all) return sql<SqlBool>`1 = 1`;
    if (scope.tenantIds.length === 0) return sql<SqlBool>`1 = 0`;
    return eb.or([
      eb('sync_rows.tenant_id', 'in', scope.tenantIds),
      eb.and([
        eb('sync_rows.tbl', '=', 'users'),
        eb(
          'sync_rows.pk',
          'in',
          eb.selectFrom('memberships').select('user_id').where('tenant_id', 'in', scope.tenantIds),
        ),
      ]),
    ]);
  };
}

/** Changes after `cursor` that `scope` may see, oldest first, at most `limit`. */
export async function readChanges(
  db: Kysely<DB>,
  scope: PullScope,
  input: { cursor: number; limit: number; withTotal: boolean },
): Promise<Omit<PullPage, 'scope'>> {
  const rows = await db
    .selectFrom('sync_rows')
    .select(['seq', 'tbl as table', 'pk as key', 'op', 'row'])
    .where('seq', '>', input.cursor)
    .where(visibleTo(scope))
    .orderBy('seq')
    .limit(input.limit)
    .execute();
  let total: number | null = null;
  if (input.withTotal) {
    const counted = await db
      .selectFrom('sync_rows')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seq', '>', input.cursor)
      .where(visibleTo(scope))
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
