import { createHash } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import { can, platformCan, type Permission } from '../../shared/permissions';
import type { Principal } from '../trpc/context';
import type { DB } from '../db/schema';
import type { Dialect } from '../db/dialect';
import { jsonField } from '../db/portable-sql';
import { TIMELINE_ENTITY_TYPES, type TimelineEntityType } from '../modules/timeline';
import { accountClauses, accountFingerprint, type AccountReach } from './account-reach';
import { CUSTOMER_TIMELINE_AUDIT, TABLE_REACH } from './replicated-tables';

/**
 * What a principal's replica may hold: every tenant (platform staff) or these tenants only,
 * and the accounts it administers in tenants where it holds no role (account-reach.ts).
 */
export type PullScope = { all: true } | { all: false; tenantIds: string[]; accounts?: AccountReach[] };

/** Where a permission holds: every tenant (a platform role holds it) or these tenants. */
type Where = 'all' | readonly string[];

/** What one principal's replica may hold: per permission, where it holds; and whose own rows. */
export interface Reach {
  userId: string;
  where: ReadonlyMap<Permission, Where>;
  /** Accounts administered (decision 145): each one customer's rows of one tenant. */
  accounts?: readonly AccountReach[];
}

function permissionsUsed(): Permission[] {
  const used = new Set<Permission>();
  for (const reach of Object.values(TABLE_REACH)) {
    used.add(reach.permission);
    if (reach.kind === 'audit') used.add(reach.customerPermission);
  }
  for (const permission of Object.values(TIMELINE_ENTITY_TYPES)) used.add(permission);
  return [...used].sort();
}

/**
 * Where `principal` holds each permission a replicated table needs, inside `scope`. A platform
 * role holding it reaches every tenant (and rows of no tenant); otherwise the tenant roles in
 * scope decide, one tenant at a time — as `can` decides for every request.
 */
export function reachOf(principal: Principal, scope: PullScope): Reach {
  const { grants } = principal;
  const candidates = scope.all ? Object.keys(grants.tenantRoles).sort() : scope.tenantIds;
  const where = new Map<Permission, Where>();
  for (const permission of permissionsUsed()) {
    const platformHolds = platformCan(grants, permission);
    where.set(permission, platformHolds ? 'all' : candidates.filter((id) => can(grants, permission, id)));
  }
  const accounts = scope.all ? [] : (scope.accounts ?? []);
  return accounts.length > 0
    ? { userId: principal.userId, where, accounts }
    : { userId: principal.userId, where };
}

/**
 * The tenants whose rows `reach` may see any of, or 'all' when a platform role reaches every
 * tenant: every row a rule lets through is of one of these tenants, of no tenant, or one of
 * the principal's own memberships (pull.ts walks the log along exactly those).
 */
export function tenantsReached(reach: Reach): 'all' | string[] {
  const tenants = new Set<string>((reach.accounts ?? []).map((a) => a.tenantId));
  for (const where of reach.where.values()) {
    if (where === 'all') return 'all';
    for (const id of where) tenants.add(id);
  }
  return [...tenants].sort();
}

/** The timeline's rule, in the fingerprint: when the audit entries it shows change, replicas start over. */
const TIMELINE_RULE = Object.entries(TIMELINE_ENTITY_TYPES)
  .map(([type, permission]) => `${type}:${permission}`)
  .sort()
  .join(',');

/**
 * Changes when the principal's reach changes (a role, a tenant) or the timeline's rule does;
 * a replica seeing a new one starts over, so it never keeps rows it may no longer hold.
 */
export function reachFingerprint(reach: Reach): string {
  const parts = [...reach.where].map(
    ([permission, where]) => `${permission}=${where === 'all' ? '*' : where.join(',')}`,
  );
  return createHash('sha256')
    .update(`${reach.userId}|${parts.join(';')}|${TIMELINE_RULE}${accountPart(reach)}`)
    .digest('hex')
    .slice(0, 16);
}

/** Only when the principal administers an account, so every other fingerprint stays as it was. */
const accountPart = (reach: Reach) =>
  reach.accounts && reach.accounts.length > 0 ? `|accounts=${accountFingerprint(reach.accounts)}` : '';

type Eb = ExpressionBuilder<DB, 'sync_rows'>;
const never = sql<SqlBool>`1 = 0`;

/** The row log's columns as the filter reads them, and how it reads a field of the row's JSON. */
interface Columns {
  tbl: RawBuilder<string>;
  pk: RawBuilder<string>;
  tenant: RawBuilder<string | null>;
  field(key: string): RawBuilder<string | null>;
}

/**
 * On SQLite the unary + (a no-op on any value) keeps the planner from answering the OR of
 * per-table terms with one index search per term and a sort of everything found: a page must
 * walk the log in sequence order and stop at its limit. PostgreSQL has no unary + on text, and
 * walks the sequence index on its own.
 */
function columnsFor(dialect: Dialect): Columns {
  const unindexed = dialect === 'sqlite' ? '+' : '';
  return {
    tbl: sql<string>`${sql.raw(unindexed)}sync_rows.tbl`,
    pk: sql<string>`${sql.raw(unindexed)}sync_rows.pk`,
    tenant: sql<string | null>`${sql.raw(unindexed)}sync_rows.tenant_id`,
    field: (key) => jsonField(dialect, sql`sync_rows.row`, key),
  };
}

/** Rows of `tables` in the tenants where `where` holds; 'all' includes rows of no tenant. */
function inTenants(eb: Eb, col: Columns, tables: readonly string[], where: Where): Expression<SqlBool> {
  if (tables.length === 0) return never;
  if (where === 'all') return eb(col.tbl, 'in', tables);
  if (where.length === 0) return never;
  return eb.and([eb(col.tbl, 'in', tables), eb(col.tenant, 'in', where)]);
}

/** Tenants in both. */
function both(a: Where, b: Where): Where {
  if (a === 'all') return b;
  if (b === 'all') return a;
  return a.filter((id) => b.includes(id));
}

/** An audit entry of one of `types` about a customer, or about a thing of a customer's. */
function aboutACustomer(col: Columns, types: readonly TimelineEntityType[]): Expression<SqlBool> {
  const kinds = types.map((entityType) => {
    const { table, key, customer } = CUSTOMER_TIMELINE_AUDIT[entityType];
    return sql<SqlBool>`(${col.field('entity_type')} = ${entityType} AND EXISTS (
        SELECT 1 FROM ${sql.table(table)} AS t
        WHERE ${sql.ref(`t.${key}`)} = ${col.field('entity_id')}
          AND t.tenant_id = sync_rows.tenant_id AND ${sql.ref(`t.${customer}`)} IS NOT NULL))`;
  });
  return sql<SqlBool>`(${sql.join(kinds, sql` OR `)})`;
}

/** The timeline's entity types, grouped by the permission each needs besides the timeline's own. */
function timelineTypesByPermission(): Map<Permission, TimelineEntityType[]> {
  const byPermission = new Map<Permission, TimelineEntityType[]>();
  for (const [type, permission] of Object.entries(TIMELINE_ENTITY_TYPES) as [
    TimelineEntityType,
    Permission,
  ][]) {
    byPermission.set(permission, [...(byPermission.get(permission) ?? []), type]);
  }
  return byPermission;
}

/**
 * The whole trail where `full` holds; elsewhere exactly what the customer timeline shows: each
 * of its entity types in the tenants where both the timeline's permission and the type's hold.
 */
function auditRows(
  eb: Eb,
  col: Columns,
  table: string,
  full: Where,
  timeline: Where,
  whereOf: (p: Permission) => Where,
): Expression<SqlBool> {
  // Where the whole trail is open, the timeline's part adds nothing.
  if (full === 'all') return inTenants(eb, col, [table], full);
  const clauses = [inTenants(eb, col, [table], full)];
  for (const [permission, types] of timelineTypesByPermission()) {
    const where = both(timeline, whereOf(permission));
    if (where !== 'all' && where.length === 0) continue;
    clauses.push(
      eb.and([
        eb(col.tbl, '=', table),
        where === 'all' ? eb(col.tenant, 'is not', null) : eb(col.tenant, 'in', where),
        aboutACustomer(col, types),
      ]),
    );
  }
  return eb.or(clauses);
}

/** Accounts: one's own rows, and the others where the members list may be read. */
function accountRows(eb: Eb, col: Columns, table: string, where: Where, userId: string): Expression<SqlBool> {
  const own =
    table === 'users'
      ? eb.and([eb(col.tbl, '=', table), eb(col.pk, '=', userId)])
      : eb.and([eb(col.tbl, '=', table), eb(col.field('user_id'), '=', userId)]);
  if (where !== 'all' && where.length === 0) return own;
  if (table !== 'users') return eb.or([own, inTenants(eb, col, [table], where)]);
  const members =
    where === 'all'
      ? eb(col.tbl, '=', table)
      : eb.and([
          eb(col.tbl, '=', table),
          eb.or([
            eb(col.pk, 'in', eb.selectFrom('memberships').select('user_id').where('tenant_id', 'in', where)),
            // The tenant's customers' account admins, whom its members list shows beside staff.
            eb(
              col.pk,
              'in',
              eb.selectFrom('account_members').select('user_id').where('tenant_id', 'in', where),
            ),
          ]),
        ]);
  return eb.or([own, members]);
}

/**
 * The rows `reach` may see, as one SQL condition on sync_rows (never filtered after loading):
 * tenant tables grouped by the permission they need, accounts and the audit trail by their rules.
 */
export function visibleTo(reach: Reach, dialect: Dialect) {
  const col = columnsFor(dialect);
  return (eb: Eb): Expression<SqlBool> => {
    const whereOf = (p: Permission): Where => reach.where.get(p) ?? [];
    const byPermission = new Map<Permission, string[]>();
    const clauses: Expression<SqlBool>[] = [];
    for (const [table, rule] of Object.entries(TABLE_REACH)) {
      if (rule.kind === 'tenant')
        byPermission.set(rule.permission, [...(byPermission.get(rule.permission) ?? []), table]);
      else if (rule.kind === 'accounts')
        clauses.push(accountRows(eb, col, table, whereOf(rule.permission), reach.userId));
      else
        clauses.push(
          auditRows(eb, col, table, whereOf(rule.permission), whereOf(rule.customerPermission), whereOf),
        );
    }
    for (const [permission, tables] of byPermission)
      clauses.push(inTenants(eb, col, tables, whereOf(permission)));
    for (const account of reach.accounts ?? []) clauses.push(...accountClauses(eb, col, account));
    return eb.or(clauses);
  };
}
