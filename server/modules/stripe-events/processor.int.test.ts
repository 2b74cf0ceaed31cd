import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stripeEvent } from '../../../tests/fakes/stripe/webhooks';
import { clientError } from '../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { inboxEvent, insertInboxEvent } from './inbox';
import { processDueStripeEvents, type StripeEventProcessorOptions } from './processor';
import { RETRY_POLICIES } from '../../lib/retry-policy';
import { inboxRows } from './stripe-events.test-kit';
import type { StripeEventHandlers } from './types';

/** The processor: each due event once, oldest first, retried with backoff, dead-lettered, replayable. */

let world: TestWorld;
let tenantId: string;

beforeEach(async () => {
  world = await createTestWorld();
  tenantId = world.tenants.A.id;
});
afterEach(async () => {
  await world.close();
});

function options(handlers: StripeEventHandlers): StripeEventProcessorOptions {
  return {
    db: world.database.db,
    clock: world.clock,
    logger: world.services.logger,
    gateways: world.services.gateways,
    handlers,
  };
}

async function store(type: string, objectId: string, createdSeconds: number) {
  const event = stripeEvent(type, { id: objectId }, { created: createdSeconds });
  await insertInboxEvent(
    world.database.db,
    inboxEvent(tenantId, event as never, JSON.stringify(event), 'webhook'),
    world.clock.now(),
  );
  return event.id;
}

const history = (eventId: string) =>
  world.database.db
    .selectFrom('stripe_event_attempts')
    .select(['outcome', 'error', 'actor_name'])
    .where('event_id', '=', eventId)
    // Attempt order: SQLite's rowid, PostgreSQL's explicit rowid column (decision 107).
    .orderBy(sql`rowid`)
    .execute();

describe('processDueStripeEvents', () => {
  it('lets waiting requests in between events, and stops between events when asked', async () => {
    for (let i = 0; i < 20; i++) await store('customer.updated', `cus_${i}`, 1000 + i);
    let applied = 0;
    let appliedWhenIoRan: number | null = null;
    // A request arriving as the pass starts must not wait for all 20 events.
    setImmediate(() => (appliedWhenIoRan = applied));
    const stopping = new AbortController();
    const ran = await processDueStripeEvents(
      options({
        'customer.updated': () => {
          applied++;
          if (applied === 15) stopping.abort();
          return Promise.resolve('applied');
        },
      }),
      500,
      stopping.signal,
    );
    // On SQLite every query completes at once, so the pass applies an event before the waiting
    // request runs; on PostgreSQL the first claim is real I/O, so the request may run first.
    if (world.database.dialect === 'sqlite') expect(appliedWhenIoRan).toBeGreaterThan(0);
    expect(appliedWhenIoRan).not.toBeNull();
    expect(appliedWhenIoRan).toBeLessThan(3);
    expect(ran).toBe(15);
    expect((await inboxRows(world, tenantId)).filter((r) => r.status === 'pending')).toHaveLength(5);
  });

  it('applies events oldest Stripe time first, and marks types without a handler ignored', async () => {
    const seen: string[] = [];
    const late = await store('customer.updated', 'cus_2', 2000);
    const early = await store('customer.updated', 'cus_1', 1000);
    const other = await store('balance.available', 'txn_1', 1500);
    const ran = await processDueStripeEvents(
      options({
        'customer.updated': (_ctx, event) => {
          seen.push(event.id);
          return Promise.resolve('applied');
        },
      }),
    );
    expect(ran).toBe(3);
    expect(seen).toEqual([early, late]);
    const status = Object.fromEntries((await inboxRows(world, tenantId)).map((r) => [r.event_id, r.status]));
    expect(status).toEqual({ [early]: 'processed', [late]: 'processed', [other]: 'ignored' });
    expect(await history(early)).toEqual([{ outcome: 'processed', error: null, actor_name: null }]);
    // Nothing is due any more: a second pass does nothing.
    expect(await processDueStripeEvents(options({}))).toBe(0);
  });

  it('records a stale outcome as stale, with the tenant and event the handler was given', async () => {
    const id = await store('customer.subscription.updated', 'sub_1', 1000);
    let given: { tenantId: string; eventId: string } | null = null;
    await processDueStripeEvents(
      options({
        'customer.subscription.updated': (ctx, event) => {
          given = { tenantId: ctx.tenantId, eventId: event.id };
          return Promise.resolve('stale');
        },
      }),
    );
    expect(given).toEqual({ tenantId, eventId: id });
    expect((await inboxRows(world, tenantId))[0]?.status).toBe('stale');
  });

  it('runs a handler again at once when PostgreSQL chose it to lose a deadlock, spending no attempt', async () => {
    const id = await store('customer.subscription.updated', 'sub_1', 1000);
    const conflict = (code: string) => Object.assign(new Error('deadlock detected'), { code });
    let runs = 0;
    await processDueStripeEvents(
      options({
        'customer.subscription.updated': () => {
          runs += 1;
          return runs <= 2
            ? Promise.reject(conflict(runs === 1 ? '40P01' : '40001'))
            : Promise.resolve('applied');
        },
      }),
    );
    expect(runs).toBe(3);
    expect((await inboxRows(world, tenantId))[0]?.status).toBe('processed');
    expect(await history(id)).toEqual([{ outcome: 'processed', error: null, actor_name: null }]);
  });

  it('retries a failing handler with doubling backoff, dead-letters it after 8 attempts, and staff replay it', async () => {
    const id = await store('invoice.payment_failed', 'in_1', 1000);
    let failing = true;
    let calls = 0;
    const handlers: StripeEventHandlers = {
      'invoice.payment_failed': () => {
        calls++;
        return failing ? Promise.reject(new Error('invoice in_1 is unknown')) : Promise.resolve('applied');
      },
    };
    const waits: number[] = [];
    for (let attempt = 1; attempt <= RETRY_POLICIES.stripeEvents.maxAttempts; attempt++) {
      expect(await processDueStripeEvents(options(handlers))).toBe(1);
      const [row] = await inboxRows(world, tenantId);
      expect(row?.attempts).toBe(attempt);
      if (attempt < RETRY_POLICIES.stripeEvents.maxAttempts) {
        expect(row?.status).toBe('failed');
        const wait = (row?.next_attempt_at ?? 0) - world.clock.now();
        waits.push(wait);
        // Not due a millisecond early.
        world.clock.advance(wait - 1);
        expect(await processDueStripeEvents(options(handlers))).toBe(0);
        world.clock.advance(1);
      }
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000]);
    const [dead] = await inboxRows(world, tenantId);
    expect(dead).toMatchObject({ status: 'dead', last_error: 'invoice in_1 is unknown' });
    world.clock.advance(86_400_000);
    expect(await processDueStripeEvents(options(handlers))).toBe(0);
    expect(calls).toBe(8);

    // A viewer may look but not replay; billing staff may.
    const refused = await clientError(() => world.as('viewerA').stripeEvents.replay({ id }));
    expect(refused.data.domainCode).toBe('FORBIDDEN');
    failing = false;
    await world.as('billingA').stripeEvents.replay({ id });
    expect((await inboxRows(world, tenantId))[0]).toMatchObject({
      status: 'pending',
      attempts: 0,
      last_error: null,
    });
    expect(await processDueStripeEvents(options(handlers))).toBe(1);
    expect((await inboxRows(world, tenantId))[0]?.status).toBe('processed');
    const outcomes = await history(id);
    expect(outcomes.map((h) => h.outcome)).toEqual([
      ...Array<string>(7).fill('failed'),
      'dead',
      'replayed',
      'processed',
    ]);
    expect(outcomes[8]?.actor_name).toBe('billingA');
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'before', 'after'])
      .where('action', '=', 'stripe_event.replay')
      .execute();
    expect(audit).toEqual([
      {
        action: 'stripe_event.replay',
        entity_id: id,
        before: expect.stringContaining('"status":"dead"') as string,
        after: expect.stringContaining('"status":"pending"') as string,
      },
    ]);
    // A processed event is not replayable.
    const again = await clientError(() => world.as('billingA').stripeEvents.replay({ id }));
    expect(again.message).toBe('Only failed or dead-lettered events can be replayed; this one is processed');
  });

  it('lets two processors run at once without applying any event twice', async () => {
    for (let i = 0; i < 200; i++) await store('customer.updated', `cus_${i}`, 1000 + i);
    const applied = new Map<string, number>();
    const handlers: StripeEventHandlers = {
      'customer.updated': async (_ctx, event) => {
        // Yield so the two passes interleave between claim and finish.
        await new Promise((resolve) => setImmediate(resolve));
        applied.set(event.id, (applied.get(event.id) ?? 0) + 1);
        return 'applied';
      },
    };
    const [a, b] = await Promise.all([
      processDueStripeEvents(options(handlers)),
      processDueStripeEvents(options(handlers)),
    ]);
    expect(a + b).toBe(200);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(applied.size).toBe(200);
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
  });

  it('takes over an event whose processor died once its lease ends, and drops the dead one’s late outcome', async () => {
    const id = await store('customer.updated', 'cus_1', 1000);
    let release: () => void = () => undefined;
    let claimed: () => void = () => undefined;
    const inHand = new Promise<void>((resolve) => (claimed = resolve));
    const stuck = processDueStripeEvents({
      ...options({
        'customer.updated': () =>
          new Promise((resolve) => {
            release = () => resolve('applied');
            claimed();
          }),
      }),
      retry: { ...RETRY_POLICIES.stripeEvents, leaseMs: 60_000 },
    });
    // The first processor holds the event (its handler is running), whatever the machine's speed.
    await inHand;
    // Within the lease nobody else takes it.
    expect(
      await processDueStripeEvents(options({ 'customer.updated': () => Promise.resolve('applied') })),
    ).toBe(0);
    world.clock.advance(60_001);
    expect(
      await processDueStripeEvents(
        options({ 'customer.updated': () => Promise.reject(new Error('second try failed')) }),
      ),
    ).toBe(1);
    release();
    await stuck;
    // The first attempt's late success does not overwrite the second attempt's outcome.
    expect((await inboxRows(world, tenantId))[0]).toMatchObject({ status: 'failed', attempts: 2 });
    expect((await history(id)).map((h) => h.outcome)).toEqual(['failed']);
  });
});
