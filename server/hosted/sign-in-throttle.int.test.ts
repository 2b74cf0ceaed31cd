import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_LIMITS } from '../auth';
import { ManualClock } from '../lib/clock';
import { verifyAuditChain } from '../modules/audit';
import { callHosted, startTestHostedServer, TEST_OWNER, type CallOutcome } from './hosted.test-kit';
import { PASSWORD, START, hosted, mutate, refusal, signIn, useAuthServer } from './auth.test-kit';

/**
 * Sign-in throttling over real HTTP, from several client addresses (the test server
 * trusts X-Forwarded-For from 127.0.0.1, as behind a proxy): an attacker slows themselves,
 * never the account's owner, and nothing tells a known email from an unknown one.
 */

useAuthServer();

const ATTACKER = '203.0.113.7';
const OWNER_ADDRESS = '198.51.100.20';

const attempt = (email: string, password: string, address = ATTACKER) =>
  mutate('auth.login', { email, password }, { address });

/** Everything a client can see of a refusal: status, Retry-After and the body's bytes. */
async function rawRefusal(email: string, address: string) {
  const response = await fetch(`${hosted.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'x-tollgate-client': 'web:t', 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password: 'not the password' }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.text(),
  };
}

describe('sign-in throttling', () => {
  it("an attacker's twenty wrong passwords do not stop the owner signing in from elsewhere", async () => {
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await attempt('ada@a.test', `guess ${i}`));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(
      DEFAULT_SIGN_IN_LIMITS.perAddressAndAccount.points,
    );
    const throttled = answers.filter((a) => a.status === 429);
    expect(throttled).toHaveLength(20 - DEFAULT_SIGN_IN_LIMITS.perAddressAndAccount.points);
    const [first] = throttled as [CallOutcome];
    refusal(first, 'RATE_LIMITED', /^Too many sign-in attempts; try again in \d+ (seconds|minutes)$/);
    expect(Number(first.retryAfter)).toBeGreaterThan(60);
    // Even the right password waits, from the attacker's address…
    expect((await attempt('ada@a.test', PASSWORD)).status).toBe(429);
    // …while the owner, from their own address, signs in at once.
    expect((await signIn('ada@a.test', PASSWORD, OWNER_ADDRESS)).accessToken).toBeTruthy();
  });

  it('answers an unknown email exactly as a known one, throttling included', async () => {
    type Refusal = Awaited<ReturnType<typeof rawRefusal>>;
    const known: Refusal[] = [];
    const unknown: Refusal[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await rawRefusal('ada@a.test', '192.0.2.1'));
      unknown.push(await rawRefusal('nobody@a.test', '192.0.2.2'));
    }
    // Retry-After counts down from each window's first attempt, and the unknown email's started
    // one call later: it may read a second more (a shared throttle's round trips make a call
    // slow enough to cross a second). Everything else is byte for byte the same.
    const waits = known.map((k, i) => Number(unknown[i]?.retryAfter ?? 0) - Number(k.retryAfter ?? 0));
    expect(waits.every((wait) => wait === 0 || wait === 1)).toBe(true);
    const withoutWait = (refusals: Refusal[]) =>
      refusals.map((r) => ({ ...r, retryAfter: r.retryAfter !== null }));
    expect(withoutWait(unknown)).toEqual(withoutWait(known));
    expect(known.map((k) => k.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(known[0]?.body).toContain('Email or password is wrong');
  });

  it('counts a parallel burst before checking it, so a burst cannot beat the limit', async () => {
    const burst = await Promise.all(Array.from({ length: 12 }, () => attempt('ada@a.test', 'guess')));
    expect(burst.filter((o) => o.status === 401).length).toBeLessThanOrEqual(
      DEFAULT_SIGN_IN_LIMITS.perAddressAndAccount.points,
    );
    expect(burst.filter((o) => o.status === 429).length).toBeGreaterThan(0);
    expect(burst.every((o) => o.status === 401 || o.status === 429)).toBe(true);
  });

  it('starts counting again after a successful sign-in from the same address', async () => {
    for (let i = 0; i < 4; i++) await attempt('ada@a.test', 'guess');
    await signIn('ada@a.test', PASSWORD, ATTACKER);
    for (let i = 0; i < 4; i++) expect((await attempt('ada@a.test', 'guess')).status).toBe(401);
    expect((await signIn('ada@a.test', PASSWORD, ATTACKER)).accessToken).toBeTruthy();
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const direct = await startTestHostedServer({
      dir: mkdtempSync(join(tmpdir(), 'tollgate-xff-')),
      clock: new ManualClock(START),
    });
    try {
      // Each guess claims a new address; the server counts them all against the socket's.
      const answers = [];
      for (let i = 0; i < 7; i++) {
        answers.push(
          await callHosted(
            direct.url,
            'mutation',
            'auth.login',
            { email: TEST_OWNER.email, password: 'guess' },
            { address: `10.0.0.${i}` },
          ),
        );
      }
      expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await direct.stop();
    }
  });
});

describe('an account under attack from many addresses', () => {
  it('is slowed to one attempt at a time, and the owner still gets in from a fresh address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-spray-'));
    const server = await startTestHostedServer({
      dir,
      clock: new ManualClock(START),
      trustedProxies: ['127.0.0.1'],
      signInLimits: { ...DEFAULT_SIGN_IN_LIMITS, perAccount: { points: 3, durationS: 600 }, slowLaneS: 1 },
    });
    const login = (password: string, address: string) =>
      callHosted(server.url, 'mutation', 'auth.login', { email: TEST_OWNER.email, password }, { address });
    try {
      const spray = [];
      for (let i = 0; i < 8; i++) spray.push(await login('guess', `203.0.113.${i + 1}`));
      expect(spray.slice(0, 3).map((a) => a.status)).toEqual([401, 401, 401]);
      // Past the account's bound, most guesses are turned away without a check.
      expect(spray.filter((a) => a.status === 429).length).toBeGreaterThan(0);
      let owner = await login(TEST_OWNER.password, '198.51.100.99');
      if (owner.status === 429) {
        expect(Number(owner.retryAfter)).toBeLessThanOrEqual(1);
        // Waits for the wait the server named, as a client would.
        await new Promise((resolve) => setTimeout(resolve, Number(owner.retryAfter) * 1000 + 100));
        owner = await login(TEST_OWNER.password, '198.51.100.99');
      }
      expect(owner.status).toBe(200);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the audit trail of sign-ins', () => {
  it('records each checked sign-in, right or wrong, with its address, and no throttled one', async () => {
    await signIn('ada@a.test', PASSWORD, OWNER_ADDRESS);
    await attempt('ada@a.test', 'guess');
    await attempt('  Nobody@Example.TEST ', 'guess');
    for (let i = 0; i < 10; i++) await attempt('vic@a.test', 'guess');
    const db = hosted.backend.database.db;
    const rows = await db
      .selectFrom('audit_log')
      .select(['actor_name', 'action', 'entity_type', 'after', 'tenant_id'])
      .where('action', 'in', ['user.signed_in', 'user.sign_in_failed'])
      .orderBy('seq')
      .execute();
    type Row = (typeof rows)[number];
    expect(rows.map((r) => [r.action, r.entity_type, r.tenant_id])).toEqual([
      ['user.signed_in', 'user', null],
      ['user.sign_in_failed', 'user', null],
      ['user.sign_in_failed', 'email', null],
      ...Array.from({ length: 5 }, () => ['user.sign_in_failed', 'user', null]),
    ]);
    const [success, , unknown] = rows as [Row, Row, Row];
    expect(JSON.parse(success.after ?? '')).toEqual({ email: 'ada@a.test', address: OWNER_ADDRESS });
    expect(unknown.actor_name).toBe('nobody@example.test');
    expect(JSON.parse(unknown.after ?? '')).toEqual({ email: 'nobody@example.test', address: ATTACKER });
    expect(JSON.stringify(rows)).not.toContain('guess');
    expect((await verifyAuditChain(db, null)).ok).toBe(true);
  });
});
