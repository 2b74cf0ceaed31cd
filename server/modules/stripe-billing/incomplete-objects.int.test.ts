import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeEvent } from '../../../tests/fakes/stripe';
import { pollStripeEvents, processDueStripeEvents } from '../stripe-events';
import { stripeBillingHandlers } from './index';
import { INVOICE_FIELDS, lineFields, SUBSCRIPTION_FIELDS } from './mapping';
import { createMirrorWorld, type MirrorWorld } from './stripe-billing.test-kit';

/**
 * A Stripe object lacking a field the mirror needs fails its event in the inbox with a
 * message naming the object, its id and the field; nothing is written (found against
 * Stripe's own emulator, where a missing period reached SQL as NaN).
 */

let m: MirrorWorld;
let subscription: Stripe.Subscription;
const deps = () => ({
  db: m.world.database.db,
  clock: m.world.clock,
  logger: m.context.logger,
  gateways: m.context.gateways,
});

async function pollAndProcess() {
  await pollStripeEvents(deps(), m.context.tenantId);
  await processDueStripeEvents({ ...deps(), handlers: stripeBillingHandlers() });
}

beforeAll(async () => {
  m = await createMirrorWorld();
  const customer = await m.customerWithCard('complete@example.com');
  const price = await m.monthlyPrice('Team', 2900);
  subscription = await m.subscribe(customer.id, price.id);
  // The complete events first: what they mirror is what every broken one must leave alone.
  await pollAndProcess();
});
afterAll(() => m?.close());

/** Every mirrored row of the tenant's billing tables, to prove a failed event changed nothing. */
async function mirroredState() {
  const db = m.world.database.db;
  const tables = [
    'customers',
    'products',
    'plans',
    'prices',
    'subscriptions',
    'invoices',
    'invoice_lines',
  ] as const;
  const state = [];
  for (const table of tables) {
    state.push(
      await db
        .selectFrom(table)
        .selectAll()
        .where('tenant_id', '=', m.context.tenantId)
        .orderBy('id')
        .execute(),
    );
  }
  return state;
}

/** Removes (or nulls) the field at `path` of an event's object, as a sparse emulator would send it. */
function breakField(object: Record<string, unknown>, path: string, as: 'missing' | 'null') {
  const steps = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const last = steps.pop() as string;
  let here = object;
  for (const step of steps) here = here[step] as Record<string, unknown>;
  if (as === 'null') here[last] = null;
  else if (Array.isArray(here)) here.splice(Number(last), 1);
  else delete here[last];
}

let copies = 0;
const originals = new Map<string, Stripe.Event>();
/** A copy of the fake's first `type` event about `objectId`, with a broken field, added to Stripe's events list. */
function brokenEvent(type: string, objectId: string, path: string, as: 'missing' | 'null'): string {
  const key = `${type} ${objectId}`;
  const original = originals.get(key) ?? m.lastEvent(type, objectId);
  originals.set(key, original);
  const event = structuredClone(original) as unknown as StripeEvent;
  event.id = `${original.id}_broken_${++copies}`;
  event.created = original.created + copies;
  breakField(event.data.object, path, as);
  m.fake.store.events.push(event);
  return event.id;
}

const inboxRow = (eventId: string) =>
  m.world.database.db
    .selectFrom('stripe_events')
    .select(['status', 'last_error'])
    .where('tenant_id', '=', m.context.tenantId)
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow();

const CASES: { kind: string; type: string; objectId: () => string; paths: string[] }[] = [
  {
    kind: 'subscription',
    type: 'customer.subscription.created',
    objectId: () => subscription.id,
    paths: Object.values(SUBSCRIPTION_FIELDS).map(([path]) => path),
  },
  {
    kind: 'invoice',
    type: 'invoice.payment_succeeded',
    objectId: () => subscription.latest_invoice as string,
    paths: [...Object.values(INVOICE_FIELDS), ...Object.values(lineFields(0))].map(([path]) => path),
  },
];

describe('Stripe objects lacking a field the mirror needs', () => {
  it('applied the complete events', async () => {
    const rows = await m.world.database.db
      .selectFrom('stripe_events')
      .select(['type', 'status'])
      .where('tenant_id', '=', m.context.tenantId)
      .where('type', 'in', ['customer.subscription.created', 'invoice.payment_succeeded'])
      .execute();
    // Stale is also a success: when another event of the same second about the subscription
    // came first in the queue, the mirror applied Stripe's current object, newer than this one.
    for (const row of rows) expect(['processed', 'stale']).toContain(row.status);
    expect(rows).toHaveLength(2);
    const mirrored = await m.world.database.db
      .selectFrom('subscriptions')
      .select(['status'])
      .where('tenant_id', '=', m.context.tenantId)
      .execute();
    expect(mirrored).toEqual([{ status: 'active' }]);
  });

  for (const { kind, type, objectId, paths } of CASES) {
    for (const path of paths) {
      it(`fail a ${kind} event without ${path}, naming it, writing nothing`, async () => {
        const before = await mirroredState();
        const ids = [
          brokenEvent(type, objectId(), path, 'missing'),
          brokenEvent(type, objectId(), path, 'null'),
        ];
        await pollAndProcess();
        for (const id of ids) {
          expect(await inboxRow(id)).toEqual({
            status: 'failed',
            last_error: `Stripe ${kind} ${objectId()} has no ${path}`,
          });
        }
        expect(await mirroredState()).toEqual(before);
      });
    }
  }
});
