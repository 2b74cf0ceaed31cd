import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { EntityChange } from '../commands/run-command';
import type { DB } from '../db/schema';
import { DomainError } from '../lib/errors';
import { accountMemberOfUser, insertAccountMember, insertUser } from '../modules/tenants';
import { runAccountCommand } from './account-command';
import { storePasswordHash } from './credentials';
import type { AuthScope } from './service';
import { hashOpaqueToken } from './tokens';
import { usableInvitation } from './invitation-state';

/**
 * Invitations to administer one customer's account (decision 145), kept apart from staff
 * invitations: their codes start `tga_` (staff's `tgi_`), so auth.acceptInvitation tells
 * them apart by the code alone and one form on the Connect page accepts both.
 */

type Db = Kysely<DB> | Transaction<DB>;

export const ACCOUNT_TOKEN_PREFIX = 'tga_';

export interface NewAccountInvitation {
  id: string;
  tenant_id: string;
  customer_id: string;
  email: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
}

/** Stores an invitation in the caller's transaction and returns its code, to be sent once. */
export async function storeAccountInvitation(db: Db, row: NewAccountInvitation): Promise<string> {
  const token = `${ACCOUNT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('account_invitations')
    .values({ ...row, token_hash: hashOpaqueToken(token) })
    .execute();
  return token;
}

/** Revokes an invitation: its code stops working. */
export async function revokeAccountInvitationRow(db: Db, id: string, now: number): Promise<void> {
  await db.updateTable('account_invitations').set({ revoked_at: now }).where('id', '=', id).execute();
}

async function openAccountInvitation(scope: AuthScope, token: string) {
  const row = await scope.db
    .selectFrom('account_invitations')
    .selectAll()
    .where('token_hash', '=', hashOpaqueToken(token))
    .executeTakeFirst();
  return usableInvitation(row, scope.now);
}

async function claim(trx: Transaction<DB>, id: string, now: number): Promise<boolean> {
  const claimed = await trx
    .updateTable('account_invitations')
    .set({ accepted_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return claimed.numUpdatedRows > 0n;
}

/**
 * Accepts an account invitation for `account` (proved or prepared by the caller, as for
 * staff invitations): binds the user to the invitation's customer, in the tenant's audit
 * chain. Returns the user's id.
 */
export async function acceptAccountInvitation(
  scope: AuthScope,
  token: string,
  name: string,
  prepare: (email: string) => Promise<{ userId: string | null; passwordHash: string | null }>,
): Promise<string> {
  const invitation = await openAccountInvitation(scope, token);
  const account = await prepare(invitation.email);
  return runAccountCommand(
    {
      db: scope.db,
      now: scope.now,
      actor: { userId: account.userId, name, client: scope.client },
      tenantId: invitation.tenant_id,
    },
    'account_invitation.accepted',
    async (trx, now) => {
      if (!(await claim(trx, invitation.id, now))) {
        throw new DomainError('INVALID_STATE', 'This invitation was already accepted');
      }
      const changes: EntityChange[] = [];
      let id = account.userId;
      if (id === null) {
        const user = await insertUser(trx, { email: invitation.email, name, now });
        id = user.id;
        changes.push({ entityType: 'user', entityId: id, before: null, after: { ...user } });
      }
      if (account.passwordHash)
        await storePasswordHash(trx, { userId: id, passwordHash: account.passwordHash, now });
      if (await accountMemberOfUser(trx, invitation.tenant_id, id)) {
        throw new DomainError('CONFLICT', `${invitation.email} already administers an account here`);
      }
      const memberId = await insertAccountMember(trx, {
        tenantId: invitation.tenant_id,
        customerId: invitation.customer_id,
        userId: id,
        createdBy: invitation.created_by,
        now,
      });
      const binding = { userId: id, customerId: invitation.customer_id };
      changes.push(
        {
          entityType: 'account_member',
          entityId: memberId,
          before: null,
          after: { ...binding, createdAt: now },
        },
        {
          entityType: 'account_invitation',
          entityId: invitation.id,
          before: { acceptedAt: null },
          after: { acceptedAt: now, ...binding },
        },
      );
      return { result: id, changes };
    },
  );
}
