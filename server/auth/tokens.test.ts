import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../lib/errors';
import {
  ACCESS_TOKEN_TTL_S,
  hashOpaqueToken,
  newRefreshToken,
  signAccessToken,
  verifyAccessToken,
} from './tokens';

const key = { secret: new TextEncoder().encode('k'.repeat(32)) };
const other = { secret: new TextEncoder().encode('o'.repeat(32)) };
const NOW = Date.UTC(2026, 10, 21, 12);

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe('UNAUTHENTICATED');
  return (error as DomainError).message;
}

describe('access tokens', () => {
  it('round-trips the user and session', async () => {
    const token = await signAccessToken(key, { userId: 'usr_1', sessionId: 'ses_1' }, NOW);
    expect(await verifyAccessToken(key, token, NOW + 60_000)).toEqual({
      userId: 'usr_1',
      sessionId: 'ses_1',
    });
  });

  it('expires after its lifetime with a message that says so', async () => {
    const token = await signAccessToken(key, { userId: 'usr_1', sessionId: 'ses_1' }, NOW);
    const later = NOW + (ACCESS_TOKEN_TTL_S + 10) * 1000;
    expect(await refusal(verifyAccessToken(key, token, later))).toMatch(/expired/);
  });

  it('refuses a token signed with another key, altered, or not a JWT', async () => {
    const foreign = await signAccessToken(other, { userId: 'usr_1', sessionId: 'ses_1' }, NOW);
    const genuine = await signAccessToken(key, { userId: 'usr_1', sessionId: 'ses_1' }, NOW);
    const [head, body, sig] = genuine.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, sub: 'usr_admin' })).toString('base64url');
    for (const bad of [foreign, `${head}.${forgedBody}.${sig}`, 'not-a-token', '']) {
      expect(await refusal(verifyAccessToken(key, bad, NOW))).toMatch(/not valid/);
    }
  });

  it('refuses an unsigned token (alg none) and one for another audience', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({
        sub: 'usr_1',
        sid: 's',
        iss: 'tollgate',
        aud: 'tollgate-console',
        exp: NOW / 1000 + 60,
      }),
    ).toString('base64url')}.`;
    const wrongAudience = await new SignJWT({ sid: 's' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('usr_1')
      .setIssuer('tollgate')
      .setAudience('someone-else')
      .setExpirationTime(NOW / 1000 + 60)
      .sign(key.secret);
    expect(await refusal(verifyAccessToken(key, none, NOW))).toMatch(/not valid/);
    expect(await refusal(verifyAccessToken(key, wrongAudience, NOW))).toMatch(/not valid/);
  });

  it('refuses a token without an expiry, though our key signed it', async () => {
    const sign = (withExpiry: boolean) => {
      const jwt = new SignJWT({ sid: 'ses_1' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('usr_1')
        .setIssuer('tollgate')
        .setAudience('tollgate-console')
        .setIssuedAt(NOW / 1000);
      return (withExpiry ? jwt.setExpirationTime(NOW / 1000 + 60) : jwt).sign(key.secret);
    };
    expect(await verifyAccessToken(key, await sign(true), NOW)).toEqual({
      userId: 'usr_1',
      sessionId: 'ses_1',
    });
    expect(await refusal(verifyAccessToken(key, await sign(false), NOW))).toMatch(/not valid/);
  });
});

describe('rotating the token secret', () => {
  const rotated = { secret: other.secret, previous: key.secret };

  it('accepts a token signed with the previous secret and signs new ones with the current', async () => {
    const before = await signAccessToken(key, { userId: 'usr_1', sessionId: 'ses_1' }, NOW);
    expect(await verifyAccessToken(rotated, before, NOW + 60_000)).toEqual({
      userId: 'usr_1',
      sessionId: 'ses_1',
    });
    const after = await signAccessToken(rotated, { userId: 'usr_1', sessionId: 'ses_1' }, NOW);
    expect(await refusal(verifyAccessToken(key, after, NOW))).toMatch(/not valid/);
    expect(await verifyAccessToken(other, after, NOW)).toEqual({ userId: 'usr_1', sessionId: 'ses_1' });
  });

  it('still says an old token expired, and refuses one the previous secret did not sign either', async () => {
    const before = await signAccessToken(key, { userId: 'usr_1', sessionId: 'ses_1' }, NOW);
    const later = NOW + (ACCESS_TOKEN_TTL_S + 60) * 1000;
    expect(await refusal(verifyAccessToken(rotated, before, later))).toMatch(/expired/);
    const third = { secret: new TextEncoder().encode('t'.repeat(32)) };
    const stranger = await signAccessToken(third, { userId: 'usr_1', sessionId: 'ses_1' }, NOW);
    expect(await refusal(verifyAccessToken(rotated, stranger, NOW))).toMatch(/not valid/);
  });
});

describe('opaque tokens', () => {
  it('are random and stored only as their hash', () => {
    const a = newRefreshToken();
    const b = newRefreshToken();
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashOpaqueToken(a.token));
    expect(a.hash).not.toContain(a.token.slice(3));
  });
});
