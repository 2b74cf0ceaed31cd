import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { grantablePlatformRoles, grantableTenantRoles } from '../../../shared/admin/roles';
import { INVITATION_TTL_MS, type invitationCreateInput } from '../../../shared/admin/schema';
import { newId } from '../../../shared/ids';
import { revokeInvitationRow, storeInvitation } from '../../auth/invitations';
import {
  runCommand,
  type CommandOutcome,
  type CommandWork,
  type EntityChange,
} from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { canEnterTenant } from '../../../shared/permissions';
import { DomainError, notFound } from '../../lib/errors';
import { isMemberByEmail } from './members-repo';
import { requirePlatform, runPlatformCommand, type AdminScope } from '../tenants';

/**
 * Invitations into a tenant the actor manages or to the platform staff. The token is returned
 * once, when made, and only its hash is kept; it can be accepted for seven days
 * (auth.acceptInvitation, in the auth module). Inviting an email that already has an
 * open invitation to the same place replaces it, so a lost link is fixed by inviting again.
 */

type Db = Kysely<DB> | Transaction<DB>;
type CreateInput = z.output<typeof invitationCreateInput>;
const ENTITY = 'invitation';

export interface Invitation {
  id: string;
  tenantId: string | null;
  email: string;
  role: string;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  status: 'pending' | 'expired';
}

interface InvitationRow {
  id: string;
  tenant_id: string | null;
  email: string;
  role: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
}

const COLUMNS = ['id', 'tenant_id', 'email', 'role', 'created_by', 'created_at', 'expires_at'] as const;

const toInvitation = (row: InvitationRow, now: number): Invitation => ({
  id: row.id,
  tenantId: row.tenant_id,
  email: row.email,
  role: row.role,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  status: row.expires_at > now ? 'pending' : 'expired',
});

/** What the audit trail keeps of an invitation: never the token's hash. */
const snapshot = (invitation: Invitation, extra: Record<string, unknown> = {}) => {
  const { status: _status, ...kept } = invitation;
  return { ...kept, ...extra };
};

/** Open (neither accepted nor revoked) invitations of a tenant, or of the platform for null. */
function openInvitations(db: Db, tenantId: string | null) {
  return db
    .selectFrom('invitations')
    .select(COLUMNS)
    .where('tenant_id', tenantId === null ? 'is' : '=', tenantId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null);
}

/**
 * Where the invitation leads, checked: the actor must be able to grant the role there. A
 * tenant the actor cannot even enter is not found (its existence is none of their business);
 * one they enter without managing its members is forbidden.
 */
function placeOf(scope: AdminScope, input: CreateInput): string | null {
  if (input.scope === 'platform') {
    requirePlatform(scope.principal, 'users.manage');
    if (!grantablePlatformRoles(scope.principal.grants).includes(input.role)) {
      throw new DomainError('FORBIDDEN', `You cannot grant the role ${input.role}, which is above your own`, {
        role: ['This role is above your own'],
      });
    }
    return null;
  }
  const tenantId = input.tenantId ?? scope.tenantId;
  if (!canEnterTenant(scope.principal.grants, tenantId)) throw notFound('Tenant');
  if (!grantableTenantRoles(scope.principal.grants, tenantId).includes(input.role)) {
    throw new DomainError('FORBIDDEN', `You cannot grant the role ${input.role} here`);
  }
  return tenantId;
}

/** Runs in the chain of the place invited to: the platform's, or that tenant's (not necessarily the request's). */
function commandFor<T>(scope: AdminScope, tenantId: string | null, action: string, work: CommandWork<T>) {
  return tenantId === null
    ? runPlatformCommand(scope, action, work)
    : runCommand({ ...scope, tenantId }, action, work);
}

async function assertTenantActive(trx: Transaction<DB>, tenantId: string | null) {
  if (tenantId === null) return;
  const tenant = await trx
    .selectFrom('tenants')
    .select(['name', 'status'])
    .where('id', '=', tenantId)
    .executeTakeFirst();
  if (!tenant) throw notFound('Tenant');
  if (tenant.status !== 'active') {
    throw new DomainError(
      'INVALID_STATE',
      `${tenant.name} is suspended; reactivate it before inviting anyone`,
    );
  }
}

async function revokeOpenFor(trx: Transaction<DB>, tenantId: string | null, email: string, now: number) {
  const open = await openInvitations(trx, tenantId).where('email', '=', email).execute();
  const changes: EntityChange[] = [];
  for (const row of open) {
    await revokeInvitationRow(trx, row.id, now);
    const before = toInvitation(row, now);
    changes.push({
      entityType: ENTITY,
      entityId: row.id,
      before: snapshot(before),
      after: snapshot(before, { revokedAt: now }),
    });
  }
  return changes;
}

export function createInvitation(
  scope: AdminScope,
  input: CreateInput,
): Promise<{ invitation: Invitation; token: string }> {
  const tenantId = placeOf(scope, input);
  return commandFor(scope, tenantId, 'invitation.created', async (trx, now) => {
    await assertTenantActive(trx, tenantId);
    if (await isMemberByEmail(trx, tenantId, input.email)) {
      throw new DomainError('CONFLICT', `${input.email} is already a member`, {
        email: ['Already a member'],
      });
    }
    const replaced = await revokeOpenFor(trx, tenantId, input.email, now);
    const row = {
      id: newId('ivt', now),
      tenant_id: tenantId,
      email: input.email,
      role: input.role,
      created_by: scope.actor.userId,
      created_at: now,
      expires_at: now + INVITATION_TTL_MS,
    };
    const token = await storeInvitation(trx, row);
    const invitation = toInvitation(row, now);
    return {
      result: { invitation, token },
      changes: [
        ...replaced,
        { entityType: ENTITY, entityId: row.id, before: null, after: snapshot(invitation) },
      ],
    };
  });
}

export async function listInvitations(
  scope: AdminScope,
  where: 'tenant' | 'platform',
): Promise<Invitation[]> {
  if (where === 'platform') requirePlatform(scope.principal, 'users.manage');
  const rows = await openInvitations(scope.db, where === 'platform' ? null : scope.tenantId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const now = scope.clock.now();
  return rows.map((row) => toInvitation(row, now));
}

/** The actor's own tenant's invitation, or a platform one for platform staff; anything else is not found. */
async function findRevocable(scope: AdminScope, trx: Transaction<DB>, id: string) {
  const row = await trx
    .selectFrom('invitations')
    .select([...COLUMNS, 'accepted_at', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  const platformStaff = grantablePlatformRoles(scope.principal.grants).length > 0;
  const reachable = row && (row.tenant_id === scope.tenantId || (row.tenant_id === null && platformStaff));
  if (!row || !reachable) throw notFound('Invitation');
  return row;
}

export function revokeInvitation(scope: AdminScope, id: string): Promise<Invitation> {
  const work = async (trx: Transaction<DB>, now: number): Promise<CommandOutcome<Invitation>> => {
    const row = await findRevocable(scope, trx, id);
    if (row.accepted_at !== null)
      throw new DomainError('INVALID_STATE', 'This invitation was already accepted');
    if (row.revoked_at !== null)
      throw new DomainError('INVALID_STATE', 'This invitation was already revoked');
    await revokeInvitationRow(trx, id, now);
    const invitation = toInvitation(row, now);
    return {
      result: invitation,
      changes: [
        {
          entityType: ENTITY,
          entityId: id,
          before: snapshot(invitation),
          after: snapshot(invitation, { revokedAt: now }),
        },
      ],
    };
  };
  // Which chain it belongs to is known only once read; both paths re-read inside their transaction.
  return scope.db
    .selectFrom('invitations')
    .select('tenant_id')
    .where('id', '=', id)
    .executeTakeFirst()
    .then((row) =>
      commandFor(scope, row?.tenant_id === null ? null : scope.tenantId, 'invitation.revoked', work),
    );
}
