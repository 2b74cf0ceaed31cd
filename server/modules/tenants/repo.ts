import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../../shared/ids';
import {
  PLATFORM_ROLES,
  TENANT_ROLES,
  type Grants,
  type PlatformRole,
  type TenantRole,
} from '../../../shared/permissions';
import type { DB } from '../../db/schema';
import { BugIndicatingError } from '../../lib/errors';

type Db = Kysely<DB> | Transaction<DB>;

export interface Tenant {
  id: string;
  name: string;
  slug: string;
  status: 'active' | 'suspended';
  createdAt: number;
}

export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: number;
}

/** Stores a new active tenant; `id` when the caller made it first (its command runs in that tenant's chain). */
export async function insertTenant(
  db: Db,
  input: { id?: string; name: string; slug: string; now: number },
): Promise<Tenant> {
  const tenant: Tenant = {
    id: input.id ?? newId('ten', input.now),
    name: input.name,
    slug: input.slug,
    status: 'active',
    createdAt: input.now,
  };
  await db
    .insertInto('tenants')
    .values({
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      status: tenant.status,
      created_at: tenant.createdAt,
    })
    .execute();
  return tenant;
}

/** Saves a tenant's name and status. */
export async function updateTenant(
  db: Db,
  id: string,
  change: { name: string; status: Tenant['status'] },
): Promise<void> {
  await db.updateTable('tenants').set(change).where('id', '=', id).execute();
}

export async function insertUser(db: Db, input: { email: string; name: string; now: number }): Promise<User> {
  const user: User = {
    id: newId('usr', input.now),
    email: input.email,
    name: input.name,
    createdAt: input.now,
  };
  await db
    .insertInto('users')
    .values({ id: user.id, email: user.email, name: user.name, created_at: user.createdAt })
    .execute();
  return user;
}

export async function insertMembership(
  db: Db,
  input: { userId: string; tenantId: string | null; role: PlatformRole | TenantRole; now: number },
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({
      id: newId('mem', input.now),
      user_id: input.userId,
      tenant_id: input.tenantId,
      role: input.role,
      created_at: input.now,
    })
    .execute();
}

export async function findUser(db: Db, id: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, email: row.email, name: row.name, createdAt: row.created_at };
}

/** A user's platform role and tenant roles, read from memberships. */
export async function selectGrants(db: Db, userId: string): Promise<Grants> {
  const rows = await db
    .selectFrom('memberships')
    .select(['tenant_id', 'role'])
    .where('user_id', '=', userId)
    .execute();
  const grants: { platformRole: PlatformRole | null; tenantRoles: Record<string, TenantRole> } = {
    platformRole: null,
    tenantRoles: {},
  };
  for (const row of rows) {
    if (row.tenant_id === null) {
      if (!(PLATFORM_ROLES as readonly string[]).includes(row.role))
        throw new BugIndicatingError(`bad platform role ${row.role}`);
      grants.platformRole = row.role as PlatformRole;
    } else {
      if (!(TENANT_ROLES as readonly string[]).includes(row.role))
        throw new BugIndicatingError(`bad tenant role ${row.role}`);
      grants.tenantRoles[row.tenant_id] = row.role as TenantRole;
    }
  }
  return grants;
}

/** The tenants these grants reach: all of them for a platform role, else the member tenants. */
export async function selectReachableTenants(db: Db, grants: Grants): Promise<Tenant[]> {
  let q = db.selectFrom('tenants').select(['id', 'name', 'slug', 'status', 'created_at']);
  if (grants.platformRole === null) {
    const ids = Object.keys(grants.tenantRoles);
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  const rows = await q.orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    slug: r.slug,
    status: r.status,
    createdAt: r.created_at,
  }));
}

export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function deleteSetting(db: Db, key: string): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}

/** Changes a member's role (the caller checked who may grant it). */
export async function updateMembershipRole(db: Db, membershipId: string, role: string): Promise<void> {
  await db.updateTable('memberships').set({ role }).where('id', '=', membershipId).execute();
}

export async function deleteMembership(db: Db, membershipId: string): Promise<void> {
  await db.deleteFrom('memberships').where('id', '=', membershipId).execute();
}
