import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema';
import { flushValidationLog, signingKeyFor } from '../../modules/licensing';
import { parseKeySet } from '../../../shared/licensing/keys';
import { licensingRestPerFile } from './licensing-rest.test-kit';
import { rest, type RestWorld } from './rest.test-kit';

/**
 * The licensing operations over real HTTP (docs/rest-api.md, "Licensing"): validate, activate,
 * deactivate, check-in, heartbeat, by the license key alone or with a service's API key; bad
 * input is a 400 naming the field, never a 500; an unknown or revoked key is NOT_FOUND (200).
 * Usage is licensing-usage.int.test.ts's.
 */

const k = licensingRestPerFile();
const { license, call } = k;
let world: RestWorld;
let db: Kysely<DB>;
beforeAll(() => ({ world, db } = k.current()));

describe('validate', () => {
  it('answers VALID with the license, by the license key alone', async () => {
    const { license: row, key } = await license({ machine_mode: 'NONE' });
    const answer = await call('validate', {
      key,
      scope: { product: k.current().made.a.productId, entitlements: ['courses'] },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      object: 'license_validation',
      valid: true,
      code: 'VALID',
      license: { id: row.id, status: 'ACTIVE', entitlements: ['courses'], machines: 0 },
    });
    expect(answer.text).not.toContain('key_hash');
    const missing = await call('validate', { key, scope: { entitlements: ['offline'] } });
    expect(missing.json).toMatchObject({ valid: false, code: 'ENTITLEMENTS_MISSING' });
  });

  it('answers NOT_FOUND for an unknown and a revoked key, SUSPENDED for a suspended license', async () => {
    const { key } = await license();
    const other = `${key.slice(0, -4)}AAAA`;
    expect((await call('validate', { key: other })).json).toMatchObject({
      valid: false,
      code: 'NOT_FOUND',
      license: null,
    });
    const revoked = await license({}, { status: 'REVOKED', revoked_at: world.clock.now() });
    const answer = await call('validate', { key: revoked.key });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ valid: false, code: 'NOT_FOUND', license: null });
    const suspended = await license({ machine_mode: 'NONE' }, { status: 'SUSPENDED' });
    expect((await call('validate', { key: suspended.key })).json).toMatchObject({
      valid: false,
      code: 'SUSPENDED',
      license: { status: 'SUSPENDED' },
    });
  });

  it('refuses bad input with a 400 naming the field, never a 500', async () => {
    const { key } = await license();
    const cases: [unknown, string | null][] = [
      [{ key: 'not-a-key' }, 'key'],
      [{ key: 'TG1.k.e30.AA' }, 'key'],
      [{ key: 'x'.repeat(600) }, 'key'],
      [{}, 'key'],
      [{ key: 42 }, 'key'],
      [{ key, fingerprint: 'f'.repeat(999_000) }, 'fingerprint'],
      [{ key, fingerprint: '' }, 'fingerprint'],
      [{ key, colour: 'red' }, 'colour'],
      [{ key, scope: { product: 'prd_x', team: 'x' } }, 'scope.team'],
      [{ key, scope: { entitlements: 'offline' } }, 'scope.entitlements'],
      [{ key, __proto__: { admin: true }, constructor: 'x' }, 'constructor'],
    ];
    for (const [body, param] of cases) {
      const answer = await call('validate', body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.json.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'invalid_input',
        param,
      });
    }
    const huge = await call('validate', { key, fingerprint: 'f'.repeat(1_048_576) });
    expect(huge.status).toBe(413);
    expect(huge.json.error?.code).toBe('body_too_large');
    const broken = await rest(world, 'POST', '/licenses/validate', { key: null, body: '{"key": ' });
    expect(broken.json.error).toMatchObject({ code: 'invalid_json' });
    const wrongMethod = await rest(world, 'GET', '/licenses/validate', { key: null });
    expect(wrongMethod.status).toBe(405);
  });

  it('with an API key: its own workspace’s licenses only, and only with a licensing scope', async () => {
    const { key } = await license({ machine_mode: 'NONE' });
    expect((await call('validate', { key }, world.a.key)).json).toMatchObject({ valid: true, code: 'VALID' });
    expect((await call('validate', { key }, world.b.key)).json).toMatchObject({
      valid: false,
      code: 'NOT_FOUND',
      license: null,
    });
    const billingOnly = await world.keyWith(['billing.read']);
    const refused = await call('validate', { key }, billingOnly);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ type: 'permission_error' });
    const readOnly = await world.keyWith(['licensing.read']);
    expect((await call('validate', { key }, readOnly)).status).toBe(200);
    expect((await call('check-in', { key }, readOnly)).status).toBe(403);
    const bogus = await call('validate', { key }, 'tg_key_nonsense');
    expect(bogus.status).toBe(401);
  });

  it('logs each validation in the license’s ring of 100 slots, written after the answer', async () => {
    const { license: row, key } = await license({ machine_mode: 'NONE' });
    // Two rounds, each flushed, so the ring is rewritten in place whenever the 200 ms flushes
    // fall: one flush holding all 105 would keep only the last 100 and start them at slot 0.
    for (let i = 0; i < 105; i++) {
      await call('validate', { key, fingerprint: `fp-${i}`, scope: { user: 'u1' } });
      if (i === 59) await flushValidationLog(db);
    }
    await flushValidationLog(db);
    const ring = await db
      .selectFrom('license_validations')
      .selectAll()
      .where('license_id', '=', row.id)
      .orderBy('slot')
      .execute();
    expect(ring).toHaveLength(100);
    expect(ring.map((r) => r.slot)).toEqual([...Array(100).keys()]);
    expect(ring[4]).toMatchObject({
      fingerprint: 'fp-104',
      code: 'USER_SCOPE_MISMATCH',
      valid: 0,
      client: 'license-key',
    });
    expect(ring[5]?.fingerprint).toBe('fp-5');
    expect(ring[0]?.address).toMatch(/127\.0\.0\.1/);
  });
});

describe('machines, check-in and heartbeat', () => {
  it('activates within the limit, answers the decision, deactivates', async () => {
    const { key } = await license({ machine_mode: 'FLOATING', max_machines: 2 });
    expect((await call('validate', { key })).json).toMatchObject({ valid: false, code: 'NO_MACHINES' });
    const first = await call('activate', { key, fingerprint: 'fp-1', name: 'Lab PC', platform: 'linux' });
    expect(first.json).toMatchObject({
      object: 'license_action',
      ok: true,
      code: 'VALID',
      changed: true,
      machine: { fingerprint: 'fp-1', name: 'Lab PC', platform: 'linux' },
      license: { machines: 1 },
    });
    const again = await call('activate', { key, fingerprint: 'fp-1' });
    expect(again.json).toMatchObject({
      ok: true,
      changed: false,
      machine: { id: (first.json.machine as { id: string }).id },
    });
    expect((await call('validate', { key, fingerprint: 'fp-1' })).json).toMatchObject({
      valid: true,
      code: 'VALID',
    });
    expect((await call('validate', { key, fingerprint: 'fp-9' })).json).toMatchObject({
      code: 'FINGERPRINT_SCOPE_MISMATCH',
    });
    await call('activate', { key, fingerprint: 'fp-2' });
    const third = await call('activate', { key, fingerprint: 'fp-3' });
    expect(third.json).toMatchObject({ ok: false, code: 'TOO_MANY_MACHINES', changed: false, machine: null });
    const gone = await call('deactivate', { key, fingerprint: 'fp-2' });
    expect(gone.json).toMatchObject({ ok: true, changed: true, license: { machines: 1 } });
    expect((await call('deactivate', { key, fingerprint: 'fp-2' })).json).toMatchObject({
      ok: false,
      code: 'MACHINE_NOT_FOUND',
    });
    expect((await call('activate', { key, fingerprint: 'fp-3' })).json).toMatchObject({
      ok: true,
      changed: true,
    });
    const audited = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'license_machine.%')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(4);
  });

  it('check-in cures OVERDUE; a heartbeat brings a dead machine back', async () => {
    const { key } = await license({
      machine_mode: 'NODE_LOCKED',
      check_in_interval_seconds: 3600,
      heartbeat_ttl_seconds: 600,
    });
    await call('activate', { key, fingerprint: 'fp-1' });
    world.clock.advance(2 * 3_600_000);
    expect((await call('validate', { key, fingerprint: 'fp-1' })).json).toMatchObject({
      valid: false,
      code: 'OVERDUE',
    });
    const checkedIn = await call('check-in', { key });
    expect(checkedIn.json).toMatchObject({
      ok: true,
      // Without a fingerprint the decision asks about no machine's heartbeat.
      code: 'VALID',
      license: { last_check_in_at: world.clock.now() },
    });
    expect((await call('validate', { key, fingerprint: 'fp-1' })).json).toMatchObject({
      code: 'HEARTBEAT_DEAD',
    });
    const beat = await call('heartbeat', { key, fingerprint: 'fp-1' });
    expect(beat.json).toMatchObject({
      ok: true,
      code: 'VALID',
      machine: { last_heartbeat_at: world.clock.now() },
    });
    expect((await call('validate', { key, fingerprint: 'fp-1' })).json).toMatchObject({
      valid: true,
      code: 'VALID',
    });
    expect((await call('heartbeat', { key, fingerprint: 'fp-2' })).json).toMatchObject({
      ok: false,
      code: 'MACHINE_NOT_FOUND',
    });
  });

  it('refuses actions on a suspended, expired or revoked license, and another workspace’s key', async () => {
    const suspended = await license({}, { status: 'SUSPENDED' });
    expect((await call('activate', { key: suspended.key, fingerprint: 'a' })).json).toMatchObject({
      ok: false,
      code: 'SUSPENDED',
    });
    expect((await call('check-in', { key: suspended.key })).json).toMatchObject({
      ok: false,
      code: 'SUSPENDED',
    });
    const expired = await license({}, { expires_at: world.clock.now() - 1 });
    expect((await call('activate', { key: expired.key, fingerprint: 'a' })).json).toMatchObject({
      ok: false,
      code: 'EXPIRED',
    });
    const revoked = await license({}, { status: 'REVOKED' });
    expect((await call('activate', { key: revoked.key, fingerprint: 'a' })).json).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    const ofA = await license();
    const viaB = await call('activate', { key: ofA.key, fingerprint: 'a' }, world.b.key);
    expect(viaB.json).toMatchObject({ ok: false, code: 'NOT_FOUND', license: null });
    expect((await call('deactivate', { key: ofA.key, fingerprint: 'a', extra: 1 })).json.error?.param).toBe(
      'extra',
    );
    const machines = await db
      .selectFrom('license_machines')
      .select('id')
      .where('license_id', 'in', [
        suspended.license.id,
        expired.license.id,
        revoked.license.id,
        ofA.license.id,
      ])
      .execute();
    expect(machines).toEqual([]);
  });
});

describe('the published key set', () => {
  it('answers a workspace’s public keys by its id, or by its API key, and nothing secret', async () => {
    const signing = await signingKeyFor(db, world.a.tenant.id, world.clock.now());
    const byId = await rest(world, 'GET', `/licensing/keys?tenant=${world.a.tenant.id}`, { key: null });
    expect(byId.status).toBe(200);
    expect(byId.json).toMatchObject({ object: 'key_set', keys: [{ kid: signing.kid, status: 'active' }] });
    expect(parseKeySet(byId.json)?.keys).toHaveLength(1);
    expect(byId.text).not.toMatch(/private|pkcs8|sealed/i);
    const byKey = await rest(world, 'GET', '/licensing/keys', { key: world.a.key });
    expect(byKey.json).toEqual(byId.json);
    const ofB = await rest(world, 'GET', '/licensing/keys', { key: world.b.key });
    expect(ofB.json).toEqual({ object: 'key_set', keys: [] });
    const missing = await rest(world, 'GET', '/licensing/keys', { key: null });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ param: 'tenant' });
    const crossed = await rest(world, 'GET', `/licensing/keys?tenant=${world.a.tenant.id}`, {
      key: world.b.key,
    });
    expect(crossed.status).toBe(400);
    expect((await rest(world, 'GET', '/licensing/keys?tenant=nope', { key: null })).json.error?.param).toBe(
      'tenant',
    );
    expect((await rest(world, 'GET', '/licensing/keys?colour=red', { key: null })).json.error?.param).toBe(
      'colour',
    );
  });
});
