import type { Kysely } from 'kysely';
import type { Principal } from '../trpc/context';
import type { DB } from '../db/schema';
import { DomainError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { findUser } from '../modules/tenants/repo';
import { runAccountCommand } from './account-command';
import { checkPassword, storePasswordHash, wrongCredentials } from './credentials';
import { hashPassword } from './passwords';
import { passwordProblem } from './password-policy';
import { auditSignIn } from './sign-in-audit';
import { rotateRefreshToken, startSession, type IssuedRefresh } from './sessions';
import type { AuthSettings } from './settings';
import { ACCESS_TOKEN_TTL_S, signAccessToken } from './tokens';

/** What a successful sign-in (or refresh) hands the client. */
export interface SignedIn {
  accessToken: string;
  /** When the access token stops working (ms); refresh a little before. */
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
  user: { id: string; name: string; email: string };
}

export interface AuthScope {
  db: Kysely<DB>;
  settings: AuthSettings;
  now: number;
  logger: Logger;
  /** `kind:id` of the calling client. */
  client: string;
  /** The caller's network address (see server/http/client-address.ts); null when not over HTTP. */
  address: string | null;
}

/** Refuses a new password that the policy does not accept, naming the field. */
export function assertGoodPassword(password: string, email: string, field = 'password'): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new DomainError('INVALID_INPUT', problem, { [field]: [problem] });
}

export async function tokensFor(scope: AuthScope, issued: IssuedRefresh): Promise<SignedIn> {
  const user = await findUser(scope.db, issued.userId);
  if (!user) throw new DomainError('UNAUTHENTICATED', 'This account no longer exists');
  const issuedAt = Math.floor(scope.now / 1000) * 1000;
  return {
    accessToken: await signAccessToken(
      scope.settings.tokenKey,
      { userId: issued.userId, sessionId: issued.sessionId },
      scope.now,
    ),
    accessExpiresAt: issuedAt + ACCESS_TOKEN_TTL_S * 1000,
    refreshToken: issued.refreshToken,
    refreshExpiresAt: issued.expiresAt,
    user: { id: user.id, name: user.name, email: user.email },
  };
}

/**
 * Proves an email and password, within the sign-in limits; returns the user's id. A wrong
 * password and an unknown email get the same error. With `audit`, the outcome goes to the
 * audit trail (sign-ins); a throttled attempt is refused before any check or record.
 */
export async function provePassword(
  scope: AuthScope,
  input: { email: string; password: string },
  options: { audit: boolean },
): Promise<{ userId: string }> {
  const check = await scope.settings.guard.run({ address: scope.address, email: input.email }, async () => {
    const outcome = await checkPassword(scope.db, { ...input, scrypt: scope.settings.scrypt });
    if (options.audit) {
      await auditSignIn(scope.db, {
        account: outcome.account,
        email: input.email,
        succeeded: outcome.matched,
        address: scope.address,
        client: scope.client,
        now: scope.now,
      });
    }
    if (!outcome.matched || !outcome.account) throw wrongCredentials();
    return outcome.account;
  });
  return { userId: check.id };
}

export async function login(scope: AuthScope, input: { email: string; password: string }): Promise<SignedIn> {
  const { userId } = await provePassword(scope, input, { audit: true });
  return tokensFor(scope, await startSession(scope.db, { userId, client: scope.client, now: scope.now }));
}

export async function refresh(scope: AuthScope, refreshToken: string): Promise<SignedIn> {
  const issued = await rotateRefreshToken(scope.db, { refreshToken, now: scope.now, logger: scope.logger });
  return tokensFor(scope, issued);
}

/** Changes the signed-in user's password after checking the current one; ends their other sessions. */
export async function changePassword(
  scope: AuthScope,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
): Promise<{ passwordChangedAt: number }> {
  const via = principal.via;
  if (via?.kind !== 'session') {
    throw new DomainError('INVALID_STATE', 'Only a signed-in person can change their password');
  }
  try {
    await provePassword(scope, { email: principal.email, password: input.currentPassword }, { audit: false });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'RATE_LIMITED') throw error;
    throw new DomainError('INVALID_INPUT', 'The current password is wrong', {
      currentPassword: ['The current password is wrong'],
    });
  }
  assertGoodPassword(input.newPassword, principal.email, 'newPassword');
  if (input.newPassword === input.currentPassword) {
    throw new DomainError('INVALID_INPUT', 'Choose a password different from the current one', {
      newPassword: ['Choose a password different from the current one'],
    });
  }
  const passwordHash = await hashPassword(input.newPassword, scope.settings.scrypt);
  const actor = { userId: principal.userId, name: principal.name, client: scope.client };
  return runAccountCommand(
    { db: scope.db, now: scope.now, actor, tenantId: null },
    'user.password_changed',
    async (trx, now) => {
      await storePasswordHash(trx, { userId: principal.userId, passwordHash, now });
      // Whoever else held this account's sessions (the reason people change passwords) is signed out.
      await trx
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('user_id', '=', principal.userId)
        .where('family_id', '!=', (eb) =>
          eb.selectFrom('sessions').select('family_id').where('id', '=', via.sessionId),
        )
        .where('revoked_at', 'is', null)
        .execute();
      return {
        result: { passwordChangedAt: now },
        changes: [
          {
            entityType: 'user',
            entityId: principal.userId,
            before: null,
            after: { passwordChangedAt: now },
          },
        ],
      };
    },
  );
}
