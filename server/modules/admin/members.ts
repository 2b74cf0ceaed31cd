import type { Transaction } from 'kysely';
import { grantablePlatformRoles, grantableTenantRoles } from '../../../shared/admin/roles';
import type { PlatformRole, TenantRole } from '../../../shared/permissions';
import { runCommand, type CommandOutcome } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError, notFound } from '../../lib/errors';
import { countWithRole, findMember, selectMembers, type Member } from './members-repo';
import {
  deleteMembership,
  requirePlatform,
  runPlatformCommand,
  updateMembershipRole,
  type AdminScope,
} from '../tenants';

/**
 * Members of the current tenant (managed by whoever holds users.manage there) and the
 * platform staff (managed by platform owners and admins). Nobody hands out or takes away
 * a role above their own, and a tenant always keeps an admin, the platform an owner.
 */

const ENTITY = 'membership';

/** The top role of each scope, which must always have a holder. */
const KEEPER = { tenant: 'admin', platform: 'owner' } as const;

const snapshot = (member: Member, tenantId: string | null, role = member.role) => ({
  userId: member.userId,
  name: member.name,
  email: member.email,
  tenantId,
  role,
});

interface MemberScope {
  tenantId: string | null;
  /** The roles the actor may grant or take away in this scope. */
  grantable: readonly string[];
}

function tenantScope(scope: AdminScope): MemberScope {
  return {
    tenantId: scope.tenantId,
    grantable: grantableTenantRoles(scope.principal.grants, scope.tenantId),
  };
}

function platformScope(scope: AdminScope): MemberScope {
  requirePlatform(scope.principal, 'users.manage');
  return { tenantId: null, grantable: grantablePlatformRoles(scope.principal.grants) };
}

async function loadMember(trx: Transaction<DB>, where: MemberScope, userId: string): Promise<Member> {
  const member = await findMember(trx, where.tenantId, userId);
  if (!member) throw notFound('Member');
  if (!where.grantable.includes(member.role)) {
    throw new DomainError(
      'FORBIDDEN',
      `You cannot change a member whose role (${member.role}) is above your own`,
    );
  }
  return member;
}

async function assertKeeperRemains(trx: Transaction<DB>, where: MemberScope, member: Member) {
  const keeper = where.tenantId === null ? KEEPER.platform : KEEPER.tenant;
  if (member.role !== keeper) return;
  if ((await countWithRole(trx, where.tenantId, keeper)) <= 1) {
    const what = where.tenantId === null ? 'the platform' : 'this tenant';
    throw new DomainError(
      'INVALID_STATE',
      `${member.name} is the last ${keeper} of ${what}; make someone else ${keeper} first`,
    );
  }
}

async function changeRole(
  trx: Transaction<DB>,
  where: MemberScope,
  userId: string,
  role: string,
): Promise<CommandOutcome<Member>> {
  if (!where.grantable.includes(role)) {
    throw new DomainError('FORBIDDEN', `You cannot grant the role ${role}, which is above your own`, {
      role: ['This role is above your own'],
    });
  }
  const member = await loadMember(trx, where, userId);
  if (member.role === role) return { result: member, changes: [] };
  await assertKeeperRemains(trx, where, member);
  await updateMembershipRole(trx, member.membershipId, role);
  return {
    result: { ...member, role },
    changes: [
      {
        entityType: ENTITY,
        entityId: member.membershipId,
        before: snapshot(member, where.tenantId),
        after: snapshot(member, where.tenantId, role),
      },
    ],
  };
}

async function removeMember(
  trx: Transaction<DB>,
  where: MemberScope,
  userId: string,
): Promise<CommandOutcome<{ userId: string }>> {
  const member = await loadMember(trx, where, userId);
  await assertKeeperRemains(trx, where, member);
  await deleteMembership(trx, member.membershipId);
  return {
    result: { userId },
    changes: [
      {
        entityType: ENTITY,
        entityId: member.membershipId,
        before: snapshot(member, where.tenantId),
        after: null,
      },
    ],
  };
}

export function listTenantMembers(scope: AdminScope): Promise<Member[]> {
  return selectMembers(scope.db, scope.tenantId);
}

export function changeTenantMemberRole(scope: AdminScope, userId: string, role: TenantRole): Promise<Member> {
  const where = tenantScope(scope);
  return runCommand(scope, 'membership.role_changed', (trx) => changeRole(trx, where, userId, role));
}

export function removeTenantMember(scope: AdminScope, userId: string): Promise<{ userId: string }> {
  const where = tenantScope(scope);
  return runCommand(scope, 'membership.removed', (trx) => removeMember(trx, where, userId));
}

export function listPlatformMembers(scope: AdminScope): Promise<Member[]> {
  platformScope(scope);
  return selectMembers(scope.db, null);
}

export function changePlatformMemberRole(
  scope: AdminScope,
  userId: string,
  role: PlatformRole,
): Promise<Member> {
  const where = platformScope(scope);
  return runPlatformCommand(scope, 'membership.role_changed', (trx) => changeRole(trx, where, userId, role));
}

export function removePlatformMember(scope: AdminScope, userId: string): Promise<{ userId: string }> {
  const where = platformScope(scope);
  return runPlatformCommand(scope, 'membership.removed', (trx) => removeMember(trx, where, userId));
}
