import type { Transaction } from 'kysely';
import { newId } from '../../../shared/ids';
import { INVITATION_TTL_MS } from '../../../shared/admin/schema';
import { revokeAccountInvitationRow, storeAccountInvitation } from '../../auth/account-invitations';
import { revokeUserSessions } from '../../auth/sessions';
import { runCommand, type EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError, notFound } from '../../lib/errors';
import { accountEmailBranding } from '../branding';
import { queueStaffNotice, secretMarker } from '../emails';
import {
  accountMemberOfUser,
  accountMembersOf,
  deleteAccountMember,
  type AccountMember,
  type AdminScope,
} from '../tenants';

/**
 * Staff managing a customer's account admins (decision 145): invite an email (the code goes
 * out by email through the outbox and is shown once to the inviting staff member), list the
 * admins and open invitations, revoke an invitation, remove an admin. Needs users.manage in
 * the tenant: it lets someone in, as inviting staff does. Every change is audited in the
 * tenant's chain, and the acceptance in the same chain by the invitee (server/auth).
 */

export interface AccountInvitation {
  id: string;
  customerId: string;
  email: string;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  status: 'pending' | 'expired';
}

const COLUMNS = ['id', 'customer_id', 'email', 'created_by', 'created_at', 'expires_at'] as const;

interface Row {
  id: string;
  customer_id: string;
  email: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
}

const toInvitation = (row: Row, now: number): AccountInvitation => ({
  id: row.id,
  customerId: row.customer_id,
  email: row.email,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  status: row.expires_at > now ? 'pending' : 'expired',
});

function openInvitations(db: AdminScope['db'], tenantId: string, customerId: string) {
  return db
    .selectFrom('account_invitations')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null);
}

/** The tenant's customer, or not found: another tenant's customer is none of this tenant's business. */
async function customerOf(db: AdminScope['db'], tenantId: string, customerId: string) {
  const customer = await db
    .selectFrom('customers')
    .select(['id', 'name', 'company', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer) throw notFound('Customer');
  return customer;
}

export async function listAccountAdmins(
  scope: AdminScope,
  customerId: string,
): Promise<{ admins: AccountMember[]; invitations: AccountInvitation[] }> {
  await customerOf(scope.db, scope.tenantId, customerId);
  const [admins, rows] = await Promise.all([
    accountMembersOf(scope.db, scope.tenantId, customerId),
    openInvitations(scope.db, scope.tenantId, customerId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  ]);
  const now = scope.clock.now();
  return { admins, invitations: rows.map((row) => toInvitation(row, now)) };
}

async function revokeOpenFor(
  trx: Transaction<DB>,
  scope: AdminScope,
  customerId: string,
  email: string,
  now: number,
) {
  const open = await openInvitations(trx, scope.tenantId, customerId).where('email', '=', email).execute();
  const changes: EntityChange[] = [];
  for (const row of open) {
    await revokeAccountInvitationRow(trx, row.id, now);
    const before = toInvitation(row, now);
    changes.push({
      entityType: 'account_invitation',
      entityId: row.id,
      before: { ...before },
      after: { ...before, revokedAt: now },
    });
  }
  return changes;
}

/**
 * Invites `email` to administer the customer's account. Inviting the same email again
 * replaces the open invitation (a lost email is fixed by inviting again).
 */
export function inviteAccountAdmin(
  scope: AdminScope,
  input: { customerId: string; email: string },
): Promise<{ invitation: AccountInvitation; token: string }> {
  return runCommand(scope, 'account_invitation.created', async (trx, now) => {
    const customer = await customerOf(trx, scope.tenantId, input.customerId);
    if (customer.status !== 'active') {
      throw new DomainError(
        'INVALID_STATE',
        `${customer.name} is archived; unarchive it before inviting its admins`,
      );
    }
    const admins = await accountMembersOf(trx, scope.tenantId, input.customerId);
    if (admins.some((a) => a.email.toLowerCase() === input.email)) {
      throw new DomainError('CONFLICT', `${input.email} already administers this account`, {
        email: ['Already an admin'],
      });
    }
    const replaced = await revokeOpenFor(trx, scope, input.customerId, input.email, now);
    const row = {
      id: newId('aiv', now),
      tenant_id: scope.tenantId,
      customer_id: input.customerId,
      email: input.email,
      created_by: scope.actor.userId,
      created_at: now,
      expires_at: now + INVITATION_TTL_MS,
    };
    const token = await storeAccountInvitation(trx, row);
    await queueStaffNotice(
      trx,
      {
        tenantId: scope.tenantId,
        noticeId: `account_invitation:${row.id}`,
        recipients: [{ name: input.email, email: input.email }],
        draftFor: () => ({
          template: 'account_invitation',
          facts: {
            recipientName: input.email,
            accountName: customer.company ?? customer.name,
            invitedBy: scope.actor.name,
            code: secretMarker('code'),
            expiresAt: row.expires_at,
          },
        }),
        // The code goes in only when the email is sent: the outbox row is replicated and shown to staff.
        secrets: { code: token },
        // Sent for the account: in its published branding (else the workspace's), issue 15's white-label.
        branding: await accountEmailBranding(trx, scope.tenantId, input.customerId),
      },
      now,
    );
    const invitation = toInvitation(row, now);
    return {
      result: { invitation, token },
      changes: [
        ...replaced,
        { entityType: 'account_invitation', entityId: row.id, before: null, after: { ...invitation } },
      ],
    };
  });
}

/** Revokes an open invitation of one of the tenant's customers; any other id is not found. */
export function revokeAccountInvitation(scope: AdminScope, id: string): Promise<AccountInvitation> {
  return runCommand(scope, 'account_invitation.revoked', async (trx, now) => {
    const row = await trx
      .selectFrom('account_invitations')
      .select([...COLUMNS, 'accepted_at', 'revoked_at'])
      .where('tenant_id', '=', scope.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('Invitation');
    if (row.accepted_at !== null)
      throw new DomainError('INVALID_STATE', 'This invitation was already accepted');
    if (row.revoked_at !== null)
      throw new DomainError('INVALID_STATE', 'This invitation was already revoked');
    await revokeAccountInvitationRow(trx, id, now);
    const invitation = toInvitation(row, now);
    return {
      result: invitation,
      changes: [
        {
          entityType: 'account_invitation',
          entityId: id,
          before: { ...invitation },
          after: { ...invitation, revokedAt: now },
        },
      ],
    };
  });
}

/**
 * Removes an admin from the customer's account: their access ends at once (grants are read
 * per request), and when they hold no other account or role anywhere, their sessions end too.
 */
export function removeAccountAdmin(
  scope: AdminScope,
  input: { customerId: string; userId: string },
): Promise<{ userId: string }> {
  return runCommand(scope, 'account_member.removed', async (trx, now) => {
    const member = await accountMemberOfUser(trx, scope.tenantId, input.userId);
    if (!member || member.customerId !== input.customerId) throw notFound('Account admin');
    await deleteAccountMember(trx, member.id);
    if (!(await holdsAnything(trx, input.userId))) await revokeUserSessions(trx, input.userId, now);
    const before = { userId: member.userId, customerId: member.customerId, email: member.email };
    return {
      result: { userId: input.userId },
      changes: [{ entityType: 'account_member', entityId: member.id, before, after: null }],
    };
  });
}

async function holdsAnything(trx: Transaction<DB>, userId: string): Promise<boolean> {
  const [membership, account] = await Promise.all([
    trx.selectFrom('memberships').select('id').where('user_id', '=', userId).executeTakeFirst(),
    trx.selectFrom('account_members').select('id').where('user_id', '=', userId).executeTakeFirst(),
  ]);
  return membership !== undefined || account !== undefined;
}
