import type { Kysely } from 'kysely';
import type { Principal } from '../trpc/context';
import type { DB } from '../db/schema';
import { DomainError } from '../lib/errors';
import { loadPrincipal } from '../modules/tenants';
import type { KeyUse } from './api-key-cache';
import { verifyApiKey } from './api-keys';
import { liveSessionUser } from './sessions';
import { verifyAccessToken, type TokenKey } from './tokens';

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * Who a request acts as, from its Authorization header: `Bearer <access token>` is a
 * signed-in user whose session must still be live; `Bearer tg_key_…` (anything not shaped
 * like a JWT) is an API key; no header is nobody (null), for public procedures only.
 * Throws UNAUTHENTICATED, saying why, for credentials that do not hold. `use` is where a
 * key's use came from, recorded as its last use.
 */
export async function principalFromAuthorization(
  db: Kysely<DB>,
  key: TokenKey,
  authorization: string | null | undefined,
  now: number,
  use: KeyUse = { address: null },
): Promise<Principal | null> {
  if (!authorization) return null;
  const match = /^Bearer +(\S+)$/i.exec(authorization.trim());
  if (!match) {
    throw new DomainError('UNAUTHENTICATED', 'Send credentials as "Authorization: Bearer <token>"');
  }
  const token = match[1] as string;
  if (!JWT_SHAPE.test(token)) return verifyApiKey(db, token, now, use);
  const claims = await verifyAccessToken(key, token, now);
  const userId = await liveSessionUser(db, claims.sessionId, now);
  if (userId !== claims.userId)
    throw new DomainError('UNAUTHENTICATED', 'The access token is not valid; sign in again');
  const principal = await loadPrincipal(db, userId);
  return { ...principal, via: { kind: 'session', sessionId: claims.sessionId } };
}
