import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../shared/permissions';
import { createApiKey, forgetApiKey, revokeApiKey } from '../../auth';
import { insertTenant } from '../../modules/tenants';
import { forgetTenantStatus } from '../../trpc/tenant-status';
import { callHosted, TEST_OWNER } from '../hosted.test-kit';
import { IDEMPOTENCY_TTL_MS, pruneKeys } from './idempotency';
import { rest, startRestWorld, type RestBody, type RestWorld } from './rest.test-kit';

/**
 * The REST layer's own rules, over real HTTP: who may call (API keys only, scoped), one
 * error shape for every failure, idempotent POSTs, the body limit, odd input never a 500.
 */

let world: RestWorld;
beforeAll(async () => {
  world = await startRestWorld();
});
afterAll(() => world.stop());

const ERROR_TYPES = [
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'rate_limit_error',
  'idempotency_error',
  'card_error',
  'api_error',
];

/** The one shape: exactly {error: {type, code, message, param}}. */
function inErrorShape(body: RestBody, type?: string): void {
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error ?? {}).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(ERROR_TYPES).toContain(body.error?.type);
  if (type) expect(body.error?.type).toBe(type);
}

const newCustomer = (email: string) => ({ name: 'Kim', email, country: 'KR' });

describe('who may call', () => {
  it('refuses no key, a malformed header, an unknown key and a revoked key, each saying why', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Basic abc' },
      { authorization: 'Bearer tg_key_nope' },
    ];
    for (const headers of attempts) {
      const answer = await rest(world, 'GET', '/customers', { key: null, headers });
      expect(answer.status).toBe(401);
      inErrorShape(answer.json, 'authentication_error');
    }
    const key = await world.keyWith(['customers.read']);
    expect((await rest(world, 'GET', '/customers', { key })).status).toBe(200);
    const id = (
      await world.hosted.backend.services.db
        .selectFrom('api_keys')
        .select('id')
        .where('name', '=', 'scoped customers.read')
        .executeTakeFirstOrThrow()
    ).id;
    await revokeApiKey(world.hosted.backend.services.db, {
      tenantId: world.a.tenant.id,
      id,
      now: world.clock.now(),
    });
    forgetApiKey(id); // as the console's revoke does
    const revoked = await rest(world, 'GET', '/customers', { key });
    expect(revoked.status).toBe(401);
    expect(revoked.json.error?.code).toBe('api_key_invalid');
  });

  it('turns away a suspended workspace’s key from reads and writes alike', async () => {
    const db = world.hosted.backend.services.db;
    const tenant = await insertTenant(db, { name: 'Sleepy', slug: 'sleepy-rest', now: world.clock.now() });
    const { key } = await createApiKey(db, {
      tenantId: tenant.id,
      name: 'Sleepy app',
      role: 'billing',
      scopes: PERMISSIONS,
      createdBy: null,
      now: world.clock.now(),
    });
    const created = await rest(world, 'POST', '/customers', { key, body: newCustomer('sleepy@example.com') });
    expect(created.status).toBe(200);
    // As platform staff's suspend does: the status, then the status cache forgotten after the commit.
    await db.updateTable('tenants').set({ status: 'suspended' }).where('id', '=', tenant.id).execute();
    forgetTenantStatus(tenant.id);
    const answers = [
      await rest(world, 'GET', `/entitlements/check?customer=${created.json.id}&feature=courses.max`, {
        key,
      }),
      await rest(world, 'GET', `/customers/${created.json.id}`, { key }),
      await rest(world, 'POST', '/customers', { key, body: newCustomer('sleepy2@example.com') }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      inErrorShape(answer.json, 'permission_error');
      expect(answer.json.error?.message).toBe('This workspace is suspended');
    }
  });

  it('does not take a signed-in console session as a REST credential', async () => {
    const signedIn = await callHosted<{ accessToken: string }>(
      world.hosted.url,
      'mutation',
      'auth.login',
      TEST_OWNER,
    );
    const token = signedIn.data?.accessToken as string;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]*$/);
    const answer = await rest(world, 'GET', '/customers', { key: token });
    expect(answer.status).toBe(401);
    inErrorShape(answer.json, 'authentication_error');
    expect(answer.json.error?.code).toBe('api_key_required');
  });

  it('refuses a key whose scopes leave out the operation’s permission', async () => {
    const key = await world.keyWith(['customers.read']);
    const refused = await rest(world, 'POST', '/customers', { key, body: newCustomer('scoped@a.test') });
    expect(refused.status).toBe(403);
    inErrorShape(refused.json, 'permission_error');
    expect((await rest(world, 'GET', '/customers', { key })).status).toBe(200);
    const list = await rest(world, 'GET', '/customers/search?query=scoped');
    expect(list.json.data).toEqual([]);
  });
});

describe('one error shape', () => {
  it('for unknown routes (404), wrong methods (405 with Allow), media type (415), bad JSON (400)', async () => {
    const unknown = await rest(world, 'GET', '/nothing-here');
    expect(unknown.status).toBe(404);
    inErrorShape(unknown.json, 'invalid_request_error');
    const unauthenticatedUnknown = await rest(world, 'GET', '/nothing-here', { key: null });
    expect(unauthenticatedUnknown.status).toBe(404);
    const wrong = await rest(world, 'DELETE', '/customers');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
    inErrorShape(wrong.json, 'invalid_request_error');
    const form = await rest(world, 'POST', '/customers', {
      body: 'name=Kim',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    inErrorShape(form.json);
    const broken = await rest(world, 'POST', '/customers', { body: '{"name": ' });
    expect(broken.status).toBe(400);
    expect(broken.json.error?.code).toBe('invalid_json');
  });

  it('for a body over the limit (413)', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(1_100_000), email: 'big@a.test', country: 'US' });
    const answer = await rest(world, 'POST', '/customers', { body: huge });
    expect(answer.status).toBe(413);
    inErrorShape(answer.json, 'invalid_request_error');
    expect(answer.json.error?.code).toBe('body_too_large');
  });

  it('for odd input, never a 500: __proto__ keys, 2^53, long strings, bad ids', async () => {
    const odd: [string, string, unknown][] = [
      [
        'POST',
        '/customers',
        JSON.parse('{"__proto__": {"admin": true}, "name": "P", "email": "p@a.test", "country": "US"}'),
      ],
      ['POST', '/customers', { constructor: 'x', name: 'P', email: 'p@a.test', country: 'US' }],
      [
        'POST',
        '/subscriptions',
        { customer: 'cus_00000000000000000000000000', price: world.a.pro.priceId, quantity: 2 ** 53 },
      ],
      ['POST', '/customers', { name: 'x'.repeat(900_000), email: 'long@a.test', country: 'US' }],
      ['POST', '/customers', { name: 12, email: ['x'], country: null }],
      ['GET', `/customers?limit=${2 ** 53 + 2}`, undefined],
      ['GET', '/customers?limit=abc&starting_after=cus_%00', undefined],
      ['GET', `/customers/search?query=${'q'.repeat(5000)}`, undefined],
      ['GET', '/customers/%E0%A4%A', undefined],
      [
        'GET',
        `/entitlements/check?customer=cus_00000000000000000000000000&feature=${'f'.repeat(300)}`,
        undefined,
      ],
      ['POST', '/subscriptions/sub_00000000000000000000000000/cancel', { when: 'tomorrow' }],
    ];
    for (const [method, path, body] of odd) {
      const answer = await rest(world, method, path, { body });
      expect(
        answer.status,
        `${method} ${path.slice(0, 60)}: ${answer.text.slice(0, 200)}`,
      ).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      inErrorShape(answer.json);
    }
    const proto = await rest(world, 'POST', '/customers', {
      body: '{"__proto__": {"x": 1}, "name": "P", "email": "p@a.test", "country": "US"}',
    });
    expect(proto.json.error?.param).toBe('__proto__');
  });
});

describe('idempotent POSTs', () => {
  it('replays the first answer for the same key and body, and creates once', async () => {
    const headers = { 'idempotency-key': 'create-kim-1' };
    const first = await rest(world, 'POST', '/customers', { body: newCustomer('kim@a.test'), headers });
    const again = await rest(world, 'POST', '/customers', { body: newCustomer('kim@a.test'), headers });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const found = await rest(world, 'GET', '/customers/search?query=kim@a.test');
    expect(found.json.data).toHaveLength(1);
  });

  it('refuses the same key with a different body', async () => {
    const headers = { 'idempotency-key': 'create-lee-1' };
    await rest(world, 'POST', '/customers', { body: newCustomer('lee@a.test'), headers });
    const other = await rest(world, 'POST', '/customers', { body: newCustomer('lee2@a.test'), headers });
    expect(other.status).toBe(400);
    inErrorShape(other.json, 'idempotency_error');
    expect(other.json.error?.param).toBe('Idempotency-Key');
  });

  it('runs concurrent requests with one key once', async () => {
    const headers = { 'idempotency-key': 'create-moe-burst' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        rest(world, 'POST', '/customers', { body: newCustomer('moe@a.test'), headers }),
      ),
    );
    for (const answer of answers) {
      if (answer.status === 200) continue;
      expect(answer.status).toBe(409);
      expect(answer.json.error?.code).toBe('idempotency_key_in_use');
    }
    const fresh = answers.filter((a) => a.status === 200 && a.headers.get('idempotent-replayed') !== 'true');
    expect(fresh).toHaveLength(1);
    const found = await rest(world, 'GET', '/customers/search?query=moe@a.test');
    expect(found.json.data).toHaveLength(1);
  });

  it('keeps keys apart per API key, and forgets them after 24 hours', async () => {
    const headers = { 'idempotency-key': 'shared-name' };
    const a = await rest(world, 'POST', '/customers', { body: newCustomer('nia@a.test'), headers });
    const b = await rest(world, 'POST', '/customers', {
      key: world.b.key,
      body: newCustomer('nia@b.test'),
      headers,
    });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.json.id).not.toBe(a.json.id);

    const db = world.hosted.backend.services.db;
    world.clock.advance(IDEMPOTENCY_TTL_MS + 1);
    expect(await pruneKeys(db, world.clock.now())).toBeGreaterThanOrEqual(2);
    const after = await rest(world, 'POST', '/customers', { body: newCustomer('nia@a.test'), headers });
    expect(after.status).toBe(409);
    expect(after.json.error?.code).toBe('conflict');
    expect(after.headers.get('idempotent-replayed')).toBeNull();
  });

  it('keeps no answer for an invalid request, so the key can carry the corrected one', async () => {
    const headers = { 'idempotency-key': 'create-oz-1' };
    const invalid = await rest(world, 'POST', '/customers', {
      body: { ...newCustomer('oz@a.test'), country: 'XX' },
      headers,
    });
    expect(invalid.status).toBe(400);
    const fixed = await rest(world, 'POST', '/customers', { body: newCustomer('oz@a.test'), headers });
    expect(fixed.status).toBe(200);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses a malformed key', async () => {
    const answer = await rest(world, 'POST', '/customers', {
      body: newCustomer('odd@a.test'),
      headers: { 'idempotency-key': 'x'.repeat(256) },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error?.param).toBe('Idempotency-Key');
  });
});

describe('the document and the docs', () => {
  it('serves the browsable docs from this server under a strict CSP of their own', async () => {
    const page = await fetch(`${world.base}/docs`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/<script>(?!<)/);
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${world.base}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    const api = await rest(world, 'GET', '/customers');
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('x-request-id')).toBeTruthy();
  });
});
