import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newWebhookSecret, stripeEvent } from '../../../tests/fakes/stripe/webhooks';
import { clientError } from '../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import type { StripeEventStatus } from '../../db/schema-stripe-events';
import { inboxEvent, insertInboxEvent } from './inbox';

/** The console's view of the inbox: lists, one event, the endpoint and its secret. */

let world: TestWorld;
let tenantId: string;

beforeEach(async () => {
  world = await createTestWorld();
  tenantId = world.tenants.A.id;
});
afterEach(async () => {
  await world.close();
});

async function receive(type: string, objectId: string) {
  const event = stripeEvent(type, { id: objectId }, { created: 1_700_000_000 });
  await insertInboxEvent(
    world.database.db,
    inboxEvent(tenantId, event as never, JSON.stringify(event), 'webhook'),
    world.clock.now(),
  );
  world.clock.advance(1000);
  return event.id;
}

const setStatus = (eventId: string, status: StripeEventStatus) =>
  world.database.db.updateTable('stripe_events').set({ status }).where('event_id', '=', eventId).execute();

const count = async (table: 'audit_log' | 'stripe_webhook_endpoints') =>
  Number(
    (
      await world.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('stripeEvents.list', () => {
  it('lists newest received first, pages by keys, and filters by status, type and date', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await receive(i % 2 ? 'invoice.payment_failed' : 'customer.updated', `obj_${i}`));
    await setStatus(ids[1] ?? '', 'dead');
    const viewer = world.as('viewerA').stripeEvents;
    const first = await viewer.list({ limit: 2 });
    expect(first.items.map((e) => e.id)).toEqual([ids[4], ids[3]]);
    expect(first.total).toBe(5);
    const second = await viewer.list({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    const third = await viewer.list({ limit: 2, cursor: second.nextCursor });
    expect(third).toMatchObject({ nextCursor: null, total: null });
    expect(third.items.map((e) => e.id)).toEqual([ids[0]]);

    expect((await viewer.list({ status: 'dead' })).items.map((e) => e.id)).toEqual([ids[1]]);
    const failedType = await viewer.list({ type: 'invoice.payment_failed' });
    expect(failedType.items.map((e) => e.id)).toEqual([ids[3], ids[1]]);
    const start = world.clock.now() - 5000;
    const window = await viewer.list({ from: start + 1000, to: start + 3000 });
    expect(window.items.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    expect(first.items[0]).toMatchObject({
      type: 'customer.updated',
      objectId: 'obj_4',
      status: 'pending',
      source: 'webhook',
    });
  });
});

describe('stripeEvents.get', () => {
  it('shows the payload as received and the event’s history', async () => {
    const id = await receive('customer.updated', 'cus_9');
    const event = await world.as('viewerA').stripeEvents.get({ id });
    expect(event).toMatchObject({
      id,
      type: 'customer.updated',
      status: 'pending',
      attempts: 0,
      history: [],
    });
    expect(JSON.parse(event.payload)).toMatchObject({ id, data: { object: { id: 'cus_9' } } });
  });

  it('finds nothing of another tenant’s event', async () => {
    const id = await receive('customer.updated', 'cus_9');
    const seen = await clientError(() => world.as('adminB').stripeEvents.get({ id }));
    expect(seen.data.domainCode).toBe('NOT_FOUND');
  });
});

describe('the endpoint secret', () => {
  it('is set by the owner, then shown only as configured and its last four characters', async () => {
    const before = await world.as('viewerA').stripeEvents.endpoint();
    expect(before).toEqual({
      path: `/webhooks/stripe/${tenantId}`,
      configured: false,
      endsWith: null,
      updatedAt: null,
    });
    const secret = newWebhookSecret();
    const set = await world.as('owner', tenantId).stripeEvents.setSecret({ secret });
    expect(set).toEqual({ configured: true, endsWith: secret.slice(-4) });
    const after = await world.as('viewerA').stripeEvents.endpoint();
    expect(after).toMatchObject({ configured: true, endsWith: secret.slice(-4) });
    // Nowhere the console, the audit trail or the sync log can read holds it.
    const everything = JSON.stringify([
      after,
      await world.database.db.selectFrom('audit_log').selectAll().execute(),
      await world.database.db.selectFrom('change_log').selectAll().execute(),
    ]);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(secret.slice(0, 20));
  });

  it('cannot be set by a tenant admin or billing staff (settings.write is the owner’s)', async () => {
    for (const persona of ['adminA', 'billingA'] as const) {
      const seen = await clientError(() =>
        world.as(persona).stripeEvents.setSecret({ secret: newWebhookSecret() }),
      );
      expect(seen.data.domainCode).toBe('FORBIDDEN');
    }
    expect((await world.as('viewerA').stripeEvents.endpoint()).configured).toBe(false);
  });
});

describe('bad input', () => {
  const cases: [string, (c: ReturnType<TestWorld['as']>) => Promise<unknown>, string][] = [
    ['list: unknown status', (c) => c.stripeEvents.list({ status: 'lost' as never }), 'status'],
    ['list: type with spaces', (c) => c.stripeEvents.list({ type: 'drop table' }), 'type'],
    ['list: from after to', (c) => c.stripeEvents.list({ from: 2000, to: 1000 }), 'to'],
    ['list: negative from', (c) => c.stripeEvents.list({ from: -1 }), 'from'],
    ['list: limit over 500', (c) => c.stripeEvents.list({ limit: 501 }), 'limit'],
    ['list: forged cursor', (c) => c.stripeEvents.list({ cursor: 'bm90IGEgY3Vyc29y' }), 'cursor'],
    ['get: not an event id', (c) => c.stripeEvents.get({ id: 'cus_123' }), 'id'],
    ['replay: not an event id', (c) => c.stripeEvents.replay({ id: '' }), 'id'],
    [
      'setSecret: an API key instead',
      (c) => c.stripeEvents.setSecret({ secret: ['sk', 'test', '0123456789abcdef'].join('_') }),
      'secret',
    ],
    ['setSecret: too short', (c) => c.stripeEvents.setSecret({ secret: 'whsec_abc' }), 'secret'],
    [
      'setSecret: extra field',
      (c) => c.stripeEvents.setSecret({ secret: newWebhookSecret(), tenantId: 'x' } as never),
      '',
    ],
  ];
  for (const [what, call, field] of cases) {
    it(`${what}: refused naming ${field || 'the unknown key'}, nothing written`, async () => {
      const before = await count('audit_log');
      const seen = await clientError(() => call(world.as('owner', tenantId)));
      expect(seen.data.domainCode).toBe('INVALID_INPUT');
      if (field) expect(Object.keys(seen.data.fieldErrors ?? {})).toContain(field);
      expect(await count('audit_log')).toBe(before);
      expect(await count('stripe_webhook_endpoints')).toBe(0);
    });
  }

  it('replay of an event that does not exist is NOT_FOUND', async () => {
    const seen = await clientError(() => world.as('billingA').stripeEvents.replay({ id: 'evt_nothere' }));
    expect(seen.data.domainCode).toBe('NOT_FOUND');
  });
});
