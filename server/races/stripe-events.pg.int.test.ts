import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stripeEvent } from '../../tests/fakes/stripe/webhooks';
import { inboxEvent, insertInboxEvent } from '../modules/stripe-events/inbox';
import { processDueStripeEvents } from '../modules/stripe-events/processor';
import { raceOn, twoInstances, type Instance, type TwoInstances } from './instances.test-kit';

/**
 * The webhook inbox with two instances on one PostgreSQL database: the same Stripe events
 * delivered to both (duplicated, shuffled) are stored once (ON CONFLICT on the event id), and
 * processors on both instances claim them `FOR UPDATE SKIP LOCKED`, so each is applied once.
 */

const OBJECTS = 20;
const VERSIONS = 10;

let race: TwoInstances;
beforeEach(async () => {
  race = await twoInstances();
});
afterEach(async () => {
  await race.close();
});

/** A fixed-seed shuffle, so a failure can be run again as it was. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('the same Stripe events delivered to two instances at once', () => {
  it('are stored once each and applied once each', async () => {
    const tenantId = race.world.tenants.A.id;
    const events = Array.from({ length: OBJECTS * VERSIONS }, (_, i) =>
      stripeEvent('customer.updated', { id: `cus_${i % OBJECTS}` }, { created: 1000 + i }),
    );
    // Every event delivered twice (once to each instance, as a retry might), in a shuffled order.
    const deliveries = shuffled([...events, ...events], 42);
    const stored = await raceOn(race.both, deliveries.length, (instance, i) => {
      const event = deliveries[i] as (typeof deliveries)[number];
      return insertInboxEvent(
        instance.database.db,
        inboxEvent(tenantId, event as never, JSON.stringify(event), 'webhook'),
        race.world.clock.now(),
      );
    });
    expect(stored.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(stored.filter((r) => r.status === 'fulfilled' && r.value).length).toBe(events.length);

    const applied: { id: string; on: string }[] = [];
    const processOn = (instance: Instance) =>
      processDueStripeEvents({
        db: instance.database.db,
        clock: race.world.clock,
        logger: instance.services.logger,
        gateways: instance.services.gateways,
        handlers: {
          'customer.updated': async (_ctx, event) => {
            applied.push({ id: event.id, on: instance.name });
            await new Promise((resolve) => setImmediate(resolve));
            return 'applied';
          },
        },
      });
    await Promise.all(
      race.both.flatMap((instance) => [processOn(instance), processOn(instance), processOn(instance)]),
    );

    const times = new Map<string, number>();
    for (const a of applied) times.set(a.id, (times.get(a.id) ?? 0) + 1);
    expect([...times.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(times.size).toBe(events.length);
    expect(new Set(applied.map((a) => a.on))).toEqual(new Set(['one', 'two']));
    const inbox = await race.one.database.db
      .selectFrom('stripe_events')
      .select(['event_id', 'status'])
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(inbox).toHaveLength(events.length);
    expect(inbox.filter((e) => e.status !== 'processed')).toEqual([]);
    const attempts = await race.two.database.db
      .selectFrom('stripe_event_attempts')
      .select('event_id')
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(attempts).toHaveLength(events.length);
  });
});
