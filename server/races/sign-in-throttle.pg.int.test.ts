import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from '../auth';
import { SWEEP_AFTER_MS, sweepThrottle } from '../auth/sign-in-store';
import {
  callHosted,
  startTestHostedServer,
  TEST_OWNER,
  type TestHostedServer,
} from '../hosted/hosted.test-kit';
import { ManualClock } from '../lib/clock';

/**
 * The sign-in throttle across instances (decision 111): two hosted servers on one PostgreSQL
 * database, each with its own pool and its own guard, as two servers behind a round-robin
 * balancer. Attempts alternate between them; the throttle must refuse at the count one
 * instance refuses at, or an attacker would double his guesses by adding an instance.
 */

const ATTACKER = '203.0.113.7';
const OWNER_ADDRESS = '198.51.100.20';
const LIMITS: SignInLimits = {
  ...DEFAULT_SIGN_IN_LIMITS,
  // Per instance by design (it guards that process's hashing queue): loosened so a burst meets the shared counts.
  inFlightPerAddress: 12,
  // Above the pair's five, so one address meets its pair bound first.
  perAccount: { points: 6, durationS: 600 },
  slowLaneS: 60,
};

let dir: string;
let servers: [TestHostedServer, TestHostedServer];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-throttle-race-'));
  const start = () =>
    startTestHostedServer({
      dir, // the same dir: the same PostgreSQL database (testServerPostgres)
      clock: new ManualClock(Date.UTC(2026, 5, 1, 8)),
      trustedProxies: ['127.0.0.1'],
      signInLimits: LIMITS,
    });
  const first = await start();
  servers = [first, await start()];
});
afterEach(async () => {
  for (const server of servers) await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The i-th attempt goes to instance i mod 2, as nginx's round-robin sends it. */
const login = (i: number, password: string, address: string) =>
  callHosted(
    servers[i % 2]?.url as string,
    'mutation',
    'auth.login',
    { email: TEST_OWNER.email, password },
    { address },
  );

describe('the sign-in throttle behind a round-robin balancer', () => {
  it('runs on two instances of one database', async () => {
    const [one, two] = servers;
    expect(one.backend.database.dialect).toBe('postgres');
    expect(one.backend.database.db === two.backend.database.db).toBe(false);
    // What one instance writes, the other reads: one database.
    const [user] = await one.backend.database.db.selectFrom('users').select('id').execute();
    const seen = await two.backend.database.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', user?.id as string)
      .execute();
    expect(seen).toHaveLength(1);
  });

  it('refuses one address at the same count as one instance does', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login(i, `guess ${i}`, ATTACKER)).status);
    const allowed = DEFAULT_SIGN_IN_LIMITS.perAddressAndAccount.points;
    expect(statuses).toEqual([...Array<number>(allowed).fill(401), ...Array<number>(10 - allowed).fill(429)]);
    // The right password waits too, on either instance…
    expect((await login(0, TEST_OWNER.password, ATTACKER)).status).toBe(429);
    expect((await login(1, TEST_OWNER.password, ATTACKER)).status).toBe(429);
    // …while the owner, from their own address, signs in on either.
    expect((await login(1, TEST_OWNER.password, OWNER_ADDRESS)).status).toBe(200);
  });

  it('lets a parallel burst split over both instances through no more than the limit', async () => {
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => login(i, 'guess', ATTACKER)));
    const statuses = burst.map((b) => b.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(
      DEFAULT_SIGN_IN_LIMITS.perAddressAndAccount.points,
    );
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  });

  it('slows an account sprayed from many addresses across both instances to one check per slow lane', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login(i, 'guess', `203.0.113.${i + 10}`)).status);
    // Six within the account's bound, then one slow-lane check, then refusals: on both instances alike.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('keeps its counts in the shared table, and sweeps the long-expired ones', async () => {
    await login(0, 'guess', ATTACKER);
    const db = servers[1].backend.database.db;
    const keys = async () =>
      (await db.selectFrom('sign_in_throttle').select('key').orderBy('key').execute()).map((r) => r.key);
    expect(await keys()).toEqual([
      `sign-in-account:${TEST_OWNER.email}`,
      `sign-in-address:${ATTACKER}`,
      `sign-in-pair:${ATTACKER}|${TEST_OWNER.email}`,
    ]);
    const expires = (
      await db.selectFrom('sign_in_throttle').select('expire').orderBy('expire').execute()
    ).map((r) => r.expire as number);
    const [first, last] = [expires[0] as number, expires[2] as number];
    expect(first).toBeGreaterThan(Date.now());
    // Expired, but not an hour ago: kept (another instance's clock may run a little behind).
    expect(await sweepThrottle(db, first + SWEEP_AFTER_MS - 1)).toBe(0);
    expect(await sweepThrottle(db, last + SWEEP_AFTER_MS + 1)).toBe(3);
    expect(await keys()).toEqual([]);
  });
});
