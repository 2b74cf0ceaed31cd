import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliver, newWebhookSecret, signedDelivery, stripeEvent } from '../../../tests/fakes/stripe/webhooks';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { inboxRows, serveWebhooks } from './stripe-events.test-kit';

/** The webhook endpoint's door: only deliveries signed with the tenant's secret, recently, get in. */

let world: TestWorld;
let server: Awaited<ReturnType<typeof serveWebhooks>>;
let secret: string;
let endpointA: string;
const nowSeconds = () => Math.floor(world.clock.now() / 1000);

beforeEach(async () => {
  world = await createTestWorld();
  secret = newWebhookSecret();
  await world.as('owner', world.tenants.A.id).stripeEvents.setSecret({ secret });
  server = await serveWebhooks(world);
  endpointA = server.endpoint(world.tenants.A.id);
});
afterEach(async () => {
  await server.stop();
  await world.close();
});

/** A request with exactly these headers (fetch would not let a test set Host). */
function statusOf(url: string, method: string, headers: Record<string, string>, body?: string) {
  const target = new URL(url);
  return new Promise<number>((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method, headers },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const customerUpdated = () =>
  stripeEvent('customer.updated', { id: 'cus_Webhook1', object: 'customer', email: 'ada@example.com' });

describe('POST /webhooks/stripe/<tenant>', () => {
  it('stores a validly signed event as pending, byte for byte, and answers 200', async () => {
    const event = customerUpdated();
    const delivery = signedDelivery(event, secret, { timestamp: nowSeconds() });
    const answer = await deliver(endpointA, delivery);
    expect(answer).toEqual({ status: 200, body: { received: true } });
    const [row, ...rest] = await inboxRows(world, world.tenants.A.id);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      event_id: event.id,
      type: 'customer.updated',
      object_id: 'cus_Webhook1',
      status: 'pending',
      source: 'webhook',
      payload: delivery.body,
    });
  });

  it('accepts a delivery signed just inside the 300 s tolerance', async () => {
    const delivery = signedDelivery(customerUpdated(), secret, { timestamp: nowSeconds() - 299 });
    expect((await deliver(endpointA, delivery)).status).toBe(200);
  });

  it('accepts a delivery signed up to 300 s ahead of our clock (clock skew)', async () => {
    const delivery = signedDelivery(customerUpdated(), secret, { timestamp: nowSeconds() + 300 });
    expect((await deliver(endpointA, delivery)).status).toBe(200);
  });

  const refusals: [string, () => { body: string; headers: Record<string, string> }, string][] = [
    [
      'a tampered body',
      () => {
        const event = customerUpdated();
        const signed = signedDelivery(event, secret, { timestamp: nowSeconds() });
        return { ...signed, body: signed.body.replace('ada@example.com', 'eve@example.com') };
      },
      'signature does not match',
    ],
    [
      'a signature made with another secret',
      () => signedDelivery(customerUpdated(), newWebhookSecret(), { timestamp: nowSeconds() }),
      'signature does not match',
    ],
    [
      'a stale timestamp (301 s old)',
      () => signedDelivery(customerUpdated(), secret, { timestamp: nowSeconds() - 301 }),
      'signature timestamp is more than 300 s old',
    ],
    [
      'a timestamp 301 s in the future',
      () => signedDelivery(customerUpdated(), secret, { timestamp: nowSeconds() + 301 }),
      'signature timestamp is more than 300 s in the future',
    ],
    [
      'a timestamp 7 days in the future',
      () => signedDelivery(customerUpdated(), secret, { timestamp: nowSeconds() + 7 * 24 * 3600 }),
      'signature timestamp is more than 300 s in the future',
    ],
    [
      'a timestamp that is not a number, though signed as such',
      () => {
        const { body, headers } = signedDelivery(customerUpdated(), secret);
        const signature = createHmac('sha256', secret).update(`NaN.${body}`).digest('hex');
        return { body, headers: { ...headers, 'stripe-signature': `t=soon,v1=${signature}` } };
      },
      'Stripe-Signature header is malformed',
    ],
    [
      'a missing Stripe-Signature header',
      () => {
        const { headers, body } = signedDelivery(customerUpdated(), secret, { timestamp: nowSeconds() });
        const { 'stripe-signature': _dropped, ...rest } = headers;
        return { body, headers: rest };
      },
      'Stripe-Signature header is missing',
    ],
    [
      'a header in no known scheme',
      () => ({
        ...signedDelivery(customerUpdated(), secret),
        headers: { 'stripe-signature': 'sha256=whatever' },
      }),
      'Stripe-Signature header is malformed',
    ],
    [
      'a signed body that is not an event',
      () => signedDelivery(customerUpdated(), secret, { timestamp: nowSeconds(), body: '{"hello":"world"}' }),
      'body is not a Stripe event',
    ],
  ];
  for (const [what, make, reason] of refusals) {
    it(`refuses ${what} with 400 "${reason}" and stores nothing`, async () => {
      const answer = await deliver(endpointA, make());
      expect(answer).toEqual({ status: 400, body: { error: reason } });
      expect(await inboxRows(world, world.tenants.A.id)).toEqual([]);
    });
  }

  it('acknowledges a duplicate delivery and keeps the first one only', async () => {
    const event = customerUpdated();
    const first = await deliver(endpointA, signedDelivery(event, secret, { timestamp: nowSeconds() }));
    // Stripe re-signs each retry, so the repeat carries a new signature over the same event.
    world.clock.advance(60_000);
    const again = await deliver(endpointA, signedDelivery(event, secret, { timestamp: nowSeconds() }));
    expect(first.body).toEqual({ received: true });
    expect(again).toEqual({ status: 200, body: { received: true, duplicate: true } });
    const rows = await inboxRows(world, world.tenants.A.id);
    expect(rows.map((r) => r.event_id)).toEqual([event.id]);
    expect(rows[0]?.received_at).toBe(world.clock.now() - 60_000);
  });

  it('keys the inbox by tenant: the same event id in two tenants is two events', async () => {
    const otherSecret = newWebhookSecret();
    await world.as('owner', world.tenants.B.id).stripeEvents.setSecret({ secret: otherSecret });
    const event = customerUpdated();
    await deliver(endpointA, signedDelivery(event, secret, { timestamp: nowSeconds() }));
    const toB = await deliver(
      server.endpoint(world.tenants.B.id),
      signedDelivery(event, otherSecret, { timestamp: nowSeconds() }),
    );
    expect(toB.body).toEqual({ received: true });
    expect(await inboxRows(world, world.tenants.B.id)).toHaveLength(1);
    // And A's secret does not open B's endpoint.
    const crossed = await deliver(
      server.endpoint(world.tenants.B.id),
      signedDelivery(customerUpdated(), secret, { timestamp: nowSeconds() }),
    );
    expect(crossed.status).toBe(400);
  });

  it('answers an unknown tenant, a tenant without a secret and a malformed id with the same 404', async () => {
    const delivery = signedDelivery(customerUpdated(), secret, { timestamp: nowSeconds() });
    const unknown = await deliver(server.endpoint('ten_01JZZZZZZZZZZZZZZZZZZZZZZZ'), delivery);
    const noSecret = await deliver(server.endpoint(world.tenants.B.id), delivery);
    const malformed = await deliver(server.endpoint('../../trpc'), delivery);
    for (const answer of [unknown, noSecret, malformed]) {
      expect(answer).toEqual({ status: 404, body: { error: 'Not found' } });
    }
    expect(await world.database.db.selectFrom('stripe_events').select('event_id').execute()).toEqual([]);
  });

  it('answers whatever Host a proxy forwards, since the signature is the proof', async () => {
    const delivery = signedDelivery(customerUpdated(), secret, { timestamp: nowSeconds() });
    const proxied = { ...delivery.headers, host: 'billing.example.com' };
    expect(await statusOf(endpointA, 'POST', proxied, delivery.body)).toBe(200);
    // The console's API, by contrast, still answers loopback names only.
    expect(await statusOf(`${server.url}/healthz`, 'GET', { host: 'billing.example.com' })).toBe(421);
  });

  it('refuses a body over 1 MB with 413 and other methods with 405', async () => {
    const huge = signedDelivery(customerUpdated(), secret, { body: 'x'.repeat(1_000_001) });
    expect((await fetch(endpointA, { method: 'POST', headers: huge.headers, body: huge.body })).status).toBe(
      413,
    );
    expect((await fetch(endpointA)).status).toBe(405);
    expect(await inboxRows(world, world.tenants.A.id)).toEqual([]);
  });
});
