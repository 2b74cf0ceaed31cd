import type { Kysely } from 'kysely';
import { can, permissionsIn, type Permission } from '../../../shared/permissions';
import type { Principal } from '../../trpc/context';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';
import { selectAccounts } from './account-members';
import { findUser, selectGrants, selectReachableTenants, type Tenant } from './repo';

/** Loads who a user is and what they may do, as a request's principal. */
export async function loadPrincipal(db: Kysely<DB>, userId: string): Promise<Principal> {
  const user = await findUser(db, userId);
  if (!user) throw new DomainError('UNAUTHENTICATED', 'This account no longer exists');
  const accounts = await selectAccounts(db, userId);
  // Only when there is one: every other principal's grants keep the shape they always had.
  const staffGrants = await selectGrants(db, userId);
  const grants = Object.keys(accounts).length > 0 ? { ...staffGrants, accounts } : staffGrants;
  const tenants = await selectReachableTenants(db, grants);
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    grants,
    // An account admin with no staff role opens in their account's tenant (account procedures only).
    defaultTenantId: tenants[0]?.id ?? Object.keys(accounts).sort()[0] ?? null,
  };
}

export interface Session {
  user: { id: string; name: string; email: string };
  role: string;
  tenant: Tenant;
  tenants: Tenant[];
  /** The tenants whose members the user manages (and may invite into), for the invite dialog. */
  manages: string[];
  permissions: Permission[];
}

/** What the console needs at start: who is signed in, where, and what they may do there. */
export async function describeSession(
  db: Kysely<DB>,
  principal: Principal,
  tenantId: string,
): Promise<Session> {
  const tenants = await selectReachableTenants(db, principal.grants);
  const tenant = tenants.find((t) => t.id === tenantId);
  if (!tenant) throw new DomainError('NOT_FOUND', 'That workspace was not found');
  const role = principal.grants.platformRole ?? principal.grants.tenantRoles[tenantId] ?? 'none';
  return {
    user: { id: principal.userId, name: principal.name, email: principal.email },
    role,
    tenant,
    tenants,
    manages: tenants.filter((t) => can(principal.grants, 'users.manage', t.id)).map((t) => t.id),
    permissions: permissionsIn(principal.grants, tenantId),
  };
}
