import { createHash, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { DomainError } from '../lib/errors';

/**
 * Sign-in tokens. An access token is a short-lived JWT (HS256, signed with the server's
 * secret) naming the user and the session; every request also checks the session is
 * still live, so signing out or revoking takes effect at once. A refresh token is an
 * opaque random string, stored only as its SHA-256, exchanged (and rotated) for a new
 * access token.
 */

export const ACCESS_TOKEN_TTL_S = 15 * 60;
const ISSUER = 'tollgate';
const AUDIENCE = 'tollgate-console';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

export interface TokenKey {
  /** At least 32 bytes of secret; from the server's configuration. Signs and verifies. */
  secret: Uint8Array;
  /**
   * The secret being rotated out: it still verifies (never signs) so tokens issued before
   * the rotation keep working for the rest of their 15 minutes instead of failing at once.
   */
  previous?: Uint8Array;
}

export async function signAccessToken(key: TokenKey, claims: AccessClaims, nowMs: number): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_S)
    .sign(key.secret);
}

const expired = () => new DomainError('UNAUTHENTICATED', 'Your session has expired; sign in again');
const invalid = () => new DomainError('UNAUTHENTICATED', 'The access token is not valid; sign in again');

async function claimsSignedWith(secret: Uint8Array, token: string, nowMs: number): Promise<AccessClaims> {
  const { payload } = await jwtVerify(token, secret, {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
    currentDate: new Date(nowMs),
    clockTolerance: 5,
    // jose checks exp only when present: a token without one would never expire.
    requiredClaims: ['exp', 'iat', 'sub'],
  });
  if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw invalid();
  return { userId: payload.sub, sessionId: payload.sid };
}

/**
 * The token's claims, or an UNAUTHENTICATED error saying whether it expired or is not ours.
 * Only a signature that fails the current secret is tried against the previous one.
 */
export async function verifyAccessToken(key: TokenKey, token: string, nowMs: number): Promise<AccessClaims> {
  try {
    return await claimsSignedWith(key.secret, token, nowMs);
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed && key.previous) {
      return verifyAccessToken({ secret: key.previous }, token, nowMs);
    }
    if (error instanceof errors.JWTExpired) throw expired();
    throw invalid();
  }
}

/** A new opaque refresh token and the hash to store in its place. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = `rt_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashOpaqueToken(token) };
}

/** Opaque tokens (refresh tokens, API keys) are stored as SHA-256: they are long random strings, not passwords. */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
