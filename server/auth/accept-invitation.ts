import type { Transaction } from 'kysely';
import type { PlatformRole, TenantRole } from '../../shared/permissions';
import type { EntityChange } from '../commands/run-command';
import type { DB } from '../db/schema';
import { DomainError } from '../lib/errors';
import { insertMembership, insertUser } from '../modules/tenants';
import { ACCOUNT_TOKEN_PREFIX, acceptAccountInvitation } from './account-invitations';
import { runAccountCommand } from './account-command';
import { storePasswordHash } from './credentials';
import { claimInvitation } from './invitations';
import { hashPassword } from './passwords';
import { assertGoodPassword, provePassword, tokensFor, type AuthScope, type SignedIn } from './service';
import { startSession } from './sessions';
import { hashOpaqueToken } from './tokens';
import { usableInvitation } from './invitation-state';

/**
 * Accepting an invitation: a new person chooses their name and password; someone who
 * already has an account proves it with their password. Either way they gain the
 * invitation's membership and are signed in. The invitation can be used once.
 */

async function openInvitation(scope: AuthScope, token: string) {
  const row = await scope.db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', hashOpaqueToken(token))
    .executeTakeFirst();
  return usableInvitation(row, scope.now);
}

/** The account the invitation is for: proves an existing one, or prepares a new password hash. */
async function prepareAccount(scope: AuthScope, email: string, password: string) {
  const existing = await scope.db
    .selectFrom('users as u')
    .leftJoin('user_credentials as c', 'c.user_id', 'u.id')
    .select(['u.id', 'c.user_id as hasPassword'])
    .where('u.email', '=', email)
    .executeTakeFirst();
  if (existing?.hasPassword) {
    await provePassword(scope, { email, password }, { audit: true });
    return { userId: existing.id, passwordHash: null };
  }
  assertGoodPassword(password, email);
  return { userId: existing?.id ?? null, passwordHash: await hashPassword(password, scope.settings.scrypt) };
}

export async function acceptInvitation(
  scope: AuthScope,
  input: { token: string; name: string; password: string },
): Promise<SignedIn> {
  if (input.token.startsWith(ACCOUNT_TOKEN_PREFIX)) {
    const prepare = (email: string) => prepareAccount(scope, email, input.password);
    const userId = await acceptAccountInvitation(scope, input.token, input.name, prepare);
    return tokensFor(scope, await startSession(scope.db, { userId, client: scope.client, now: scope.now }));
  }
  const invitation = await openInvitation(scope, input.token);
  const account = await prepareAccount(scope, invitation.email, input.password);
  const userId = await runAccountCommand(
    {
      db: scope.db,
      now: scope.now,
      actor: { userId: account.userId, name: input.name, client: scope.client },
      tenantId: invitation.tenant_id,
    },
    'invitation.accepted',
    async (trx: Transaction<DB>, now) => {
      if (!(await claimInvitation(trx, invitation.id, now))) {
        throw new DomainError('INVALID_STATE', 'This invitation was already accepted');
      }
      const changes: EntityChange[] = [];
      let id = account.userId;
      if (id === null) {
        const user = await insertUser(trx, { email: invitation.email, name: input.name, now });
        id = user.id;
        changes.push({ entityType: 'user', entityId: id, before: null, after: { ...user } });
      }
      if (account.passwordHash)
        await storePasswordHash(trx, { userId: id, passwordHash: account.passwordHash, now });
      const already = await trx
        .selectFrom('memberships')
        .select('id')
        .where('user_id', '=', id)
        .where('tenant_id', invitation.tenant_id === null ? 'is' : '=', invitation.tenant_id)
        .executeTakeFirst();
      if (already) throw new DomainError('CONFLICT', `${invitation.email} is already a member`);
      await insertMembership(trx, {
        userId: id,
        tenantId: invitation.tenant_id,
        role: invitation.role as PlatformRole | TenantRole,
        now,
      });
      changes.push({
        entityType: 'invitation',
        entityId: invitation.id,
        before: { acceptedAt: null },
        after: { acceptedAt: now, userId: id, role: invitation.role },
      });
      return { result: id, changes };
    },
  );
  return tokensFor(scope, await startSession(scope.db, { userId, client: scope.client, now: scope.now }));
}
