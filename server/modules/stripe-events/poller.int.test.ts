import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../../../tests/fakes/stripe';
import { gatewayProvider } from '../../gateways/provider';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { pollStripeEvents, type StripeEventPollerDeps } from './poller';
import { inboxRows } from './stripe-events.test-kit';

/** A standalone desktop reads Stripe's events list into the inbox, from its cursor, nothing lost or doubled. */

let world: TestWorld;
let fake: FakeStripe;
let deps: StripeEventPollerDeps;
let tenantId: string;

beforeEach(async () => {
  world = await createTestWorld();
  fake = await startFakeStripe();
  tenantId = world.tenants.A.id;
  deps = {
    db: world.database.db,
    clock: world.clock,
    logger: world.services.logger,
    gateways: gatewayProvider(
      {
        stripeSecretKey: fake.secretKey,
        stripeHost: fake.host,
        stripePort: fake.port,
        stripeProtocol: 'http',
      },
      world.database.db,
      world.clock,
    ),
  };
});
afterEach(async () => {
  await fake.close();
  await world.close();
});

function emit(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => fake.store.emitEvent('customer.updated', { id: `cus_${i}`, object: 'customer' }).id,
  );
}

const storedIds = async () => (await inboxRows(world, tenantId)).map((r) => r.event_id);
const cursor = async () =>
  (
    await world.database.db
      .selectFrom('stripe_event_cursors')
      .select('last_event_id')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst()
  )?.last_event_id;
const eventListCalls = () => fake.requests.filter((r) => r.path === '/v1/events').length;

describe('pollStripeEvents', () => {
  it('first reads every retained event, page by page, and keeps the newest as its cursor', async () => {
    const emitted = emit(250);
    expect(await pollStripeEvents(deps, tenantId)).toBe(250);
    expect(new Set(await storedIds())).toEqual(new Set(emitted));
    expect(
      (await inboxRows(world, tenantId)).every((r) => r.source === 'events_api' && r.status === 'pending'),
    ).toBe(true);
    expect(await cursor()).toBe(emitted.at(-1));
    expect(eventListCalls()).toBe(3);
    const stored = (await inboxRows(world, tenantId)).find((r) => r.event_id === emitted[0]);
    expect(JSON.parse(stored?.payload ?? '{}')).toMatchObject({ id: emitted[0], type: 'customer.updated' });
  });

  it('then reads only what is newer than its cursor, and nothing when nothing is new', async () => {
    const before = emit(30);
    await pollStripeEvents(deps, tenantId);
    const after = emit(230);
    expect(await pollStripeEvents(deps, tenantId)).toBe(230);
    expect(await storedIds()).toHaveLength(260);
    expect(new Set(await storedIds())).toEqual(new Set([...before, ...after]));
    expect(await cursor()).toBe(after.at(-1));
    expect(await pollStripeEvents(deps, tenantId)).toBe(0);
    expect(await cursor()).toBe(after.at(-1));
  });

  it('resumes where an interrupted poll stopped: the cursor moved with each stored page', async () => {
    const older = emit(5);
    await pollStripeEvents(deps, tenantId);
    const newer = emit(250);
    // The connection drops on the second page: the first is kept, with the cursor at its newest.
    const real = deps.gateways.stripeApi(tenantId) as Stripe;
    let calls = 0;
    const flaky = {
      events: {
        list: (params: Stripe.EventListParams) =>
          ++calls === 2 ? Promise.reject(new Error('simulated outage')) : real.events.list(params),
      },
    } as unknown as Stripe;
    const interrupted = { ...deps, gateways: { ...deps.gateways, stripeApi: () => flaky } };
    await expect(pollStripeEvents(interrupted, tenantId)).rejects.toThrow('simulated outage');
    expect(await storedIds()).toHaveLength(105);
    expect(await cursor()).toBe(newer[99]);
    expect(await pollStripeEvents(deps, tenantId)).toBe(150);
    expect(await storedIds()).toHaveLength(255);
    expect(new Set(await storedIds())).toEqual(new Set([...older, ...newer]));
  });

  it('does nothing for a tenant on the sandbox', async () => {
    emit(3);
    const sandbox = { ...deps, gateways: world.services.gateways };
    expect(await pollStripeEvents(sandbox, tenantId)).toBe(0);
    expect(eventListCalls()).toBe(0);
  });
});
