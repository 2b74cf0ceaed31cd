import { sql, type Kysely } from 'kysely';
import { can } from '../../shared/permissions';
import type { Principal } from '../trpc/context';
import type { DB } from '../db/schema';
import { dialectOf } from '../db/dialect';
import { accountReachesOf, redactForAccounts } from './account-reach';
import { tenantsReached, visibleTo, type PullScope, type Reach } from './reach';
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
  const accounts = await accountReachesOf(db, principal);
  const candidates = Object.keys(principal.grants.tenantRoles).filter((id) =>
    can(principal.grants, 'tenants.read', id),
  );
  if (candidates.length === 0)
    return accounts.length > 0 ? { all: false, tenantIds: [], accounts } : { all: false, tenantIds: [] };
  const active = await db
    .selectFrom('tenants')
    .select('id')
    .where('id', 'in', candidates)
    .where('status', '=', 'active')
    .execute();
  const tenantIds = active.map((t) => t.id).sort();
  return accounts.length > 0 ? { all: false, tenantIds, accounts } : { all: false, tenantIds };
}

/** More tenants than this (an agency's staff): one walk of the whole log beats a walk per tenant. */
export const MAX_TENANT_WALKS = 32;

/** The log after `cursor`, filtered by `reach`: what every walk reads, before it narrows. */
function changesAfter(db: Kysely<DB>, reach: Reach, cursor: number) {
  return db
    .selectFrom('sync_rows')
    .select(['seq', 'tbl as table', 'pk as key', 'op', 'row'])
    .where('seq', '>', cursor)
    .where(visibleTo(reach, dialectOf(db)));
}

type Walk = ReturnType<typeof changesAfter>;

/**
 * The walks whose union is everything `reach` may see after `cursor` (null: walk the whole log).
 * Every visible row is of a tenant reached, of no tenant, or the principal's own membership
 * of a tenant not reached (tenantsReached): one walk of the (tenant_id, seq) index per tenant,
 * one of the tenant-less rows, and the own memberships by primary key. So a tenant's first
 * sync reads its own changes, not every tenant's (decision 116).
 */
function walksOf(db: Kysely<DB>, reach: Reach, cursor: number): Walk[] | null {
  const tenants = tenantsReached(reach);
  if (tenants === 'all' || tenants.length > MAX_TENANT_WALKS) return null;
  const walks: Walk[] = tenants.map((id) => changesAfter(db, reach, cursor).where('tenant_id', '=', id));
  walks.push(changesAfter(db, reach, cursor).where('tenant_id', 'is', null));
  let own = changesAfter(db, reach, cursor)
    .where('tbl', '=', 'memberships')
    .where('pk', 'in', (eb) =>
      eb.selectFrom('memberships').select('memberships.id').where('memberships.user_id', '=', reach.userId),
    );
  if (tenants.length > 0) own = own.where('tenant_id', 'not in', tenants);
  walks.push(own);
  return walks;
}

/** The walks' rows as one query: each walk in its own subquery (so each keeps its order and limit). */
function unionOf(db: Kysely<DB>, walks: Walk[]) {
  const [first, ...rest] = walks.map((walk, i) => db.selectFrom(walk.as(`walk${i}`)).selectAll());
  if (!first) throw new Error('no walk to read');
  return rest.reduce((union, walk) => union.unionAll(walk), first);
}

/**
 * One page's query: the log after `cursor` in sequence order, filtered by `reach`, up to
 * `limit`. Per tenant, each walk stops at `limit` rows in sequence order, so the first `limit`
 * of their union in sequence order are the first `limit` of the whole filtered log.
 */
export function pageQuery(db: Kysely<DB>, reach: Reach, cursor: number, limit: number) {
  const walks = walksOf(db, reach, cursor);
  if (walks === null) return changesAfter(db, reach, cursor).orderBy('seq').limit(limit);
  const paged = walks.map((walk) => walk.orderBy('seq').limit(limit));
  return db.selectFrom(unionOf(db, paged).as('page')).selectAll().orderBy('seq').limit(limit);
}

/** How many changes after `cursor` `reach` may see (a first sync's progress), along the same walks. */
async function countChanges(db: Kysely<DB>, reach: Reach, cursor: number): Promise<number> {
  const walks = walksOf(db, reach, cursor);
  const source = walks === null ? changesAfter(db, reach, cursor) : unionOf(db, walks);
  const counted = await db
    .selectFrom(source.as('visible'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(counted.n);
}

/**
 * Runs a pull's reads with PostgreSQL's JIT compiler off. A role without audit.read filters
 * the audit trail by the timeline's EXISTS rules, which PostgreSQL prices as hashed subplans
 * over every customer and subscription: the estimate passes jit_above_cost and each page paid
 * ~300 ms compiling 215 functions for a query that runs in 5 ms (decision 116). SQLite: as is.
 */
async function withoutJit<T>(db: Kysely<DB>, read: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  if (dialectOf(db) !== 'postgres') return read(db);
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx);
    return read(trx);
  });
}

/** Changes after `cursor` that `reach` may see, oldest first, at most `limit`. */
export async function readChanges(
  db: Kysely<DB>,
  reach: Reach,
  input: { cursor: number; limit: number; withTotal: boolean },
): Promise<Omit<PullPage, 'scope'>> {
  // PostgreSQL: number what has committed since the last pull before reading past the cursor.
  await sequenceCommittedChanges(db);
  const { rows, total } = await withoutJit(db, async (read) => ({
    rows: await pageQuery(read, reach, input.cursor, input.limit).execute(),
    total: input.withTotal ? await countChanges(read, reach, input.cursor) : null,
  }));
  const accounts = reach.accounts ?? [];
  return {
    changes:
      accounts.length === 0 ? rows : rows.map((row) => ({ ...row, row: redactForAccounts(accounts, row) })),
    cursor: rows.at(-1)?.seq ?? input.cursor,
    more: rows.length === input.limit,
    total,
  };
}
