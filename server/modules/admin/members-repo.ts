import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** One person's membership of a tenant (tenantId set) or of the platform staff (null). */
export interface Member {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: string;
  joinedAt: number;
  /** When they last signed in to a hosted server; null if never (or only on a desktop). */
  lastSignInAt: number | null;
}

const scopeOf = (tenantId: string | null) => (tenantId === null ? 'is' : '=');

/** Members of one tenant, or of the platform staff when `tenantId` is null, by name. */
export async function selectMembers(db: Db, tenantId: string | null): Promise<Member[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select((eb) => [
      'm.id',
      'm.user_id',
      'm.role',
      'm.created_at',
      'u.name',
      'u.email',
      eb
        .selectFrom('sessions as s')
        .select((s) => s.fn.max('s.created_at').as('at'))
        .whereRef('s.user_id', '=', 'm.user_id')
        .as('last_sign_in_at'),
    ])
    .where('m.tenant_id', scopeOf(tenantId), tenantId)
    .orderBy('u.name')
    .orderBy('m.id')
    .execute();
  return rows.map((row) => ({
    membershipId: row.id,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role,
    joinedAt: row.created_at,
    lastSignInAt: row.last_sign_in_at ?? null,
  }));
}

export async function findMember(
  db: Db,
  tenantId: string | null,
  userId: string,
): Promise<Member | undefined> {
  const members = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.user_id', 'm.role', 'm.created_at', 'u.name', 'u.email'])
    .where('m.tenant_id', scopeOf(tenantId), tenantId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  return (
    members && {
      membershipId: members.id,
      userId: members.user_id,
      name: members.name,
      email: members.email,
      role: members.role,
      joinedAt: members.created_at,
      lastSignInAt: null,
    }
  );
}

/** How many members of the scope hold `role`: guards against removing the last admin or owner. */
export async function countWithRole(db: Db, tenantId: string | null, role: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', scopeOf(tenantId), tenantId)
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** True when someone with this email already belongs to the scope. */
export async function isMemberByEmail(db: Db, tenantId: string | null, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.id')
    .where('m.tenant_id', scopeOf(tenantId), tenantId)
    .where('u.email', '=', email)
    .executeTakeFirst();
  return row !== undefined;
}
