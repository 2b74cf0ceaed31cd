import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/billing/periods';
import type { DemoPriceName } from '../catalog';
import { SeededRandom } from '../../demo/random';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import { START } from '../../testing/world.test-kit';
import { disagreements, historyAstray, monthsFrom, movementMonthEndMrr } from './independent-mrr.test-kit';

/**
 * The issue's independent test on generated data: seeded random histories driven through the
 * real billing procedures on test clocks — trials, yearly and monthly prices in USD and EUR,
 * seats, upgrades and downgrades, cancellations now and at period end, pauses, failing and
 * fixed cards, returns — then each customer's MRR at every month end, computed from the
 * subscriptions' own history, must equal Σ mrr_movements up to that month end.
 */

const PRICES: Record<'USD' | 'EUR', DemoPriceName[]> = {
  USD: ['proMonthlyUsd', 'proYearlyUsd', 'enterpriseMonthlyUsd', 'enterpriseYearlyUsd'],
  EUR: ['proMonthlyEur', 'proYearlyEur', 'enterpriseMonthlyEur', 'enterpriseYearlyEur'],
};
const ACTIONS = [
  'change',
  'seats',
  'cancel_end',
  'cancel_now',
  'pause',
  'resume',
  'card_fails',
  'card_fixed',
  'return',
] as const;
const CUSTOMERS = 30;
const STEPS = 8;
const END = Date.UTC(2027, 1, 1);

let world: BillingWorld;
const staff = () => world.as('billingA');

/** One customer's year: a subscription, then a random action every few days to few weeks. */
async function history(random: SeededRandom, index: number) {
  const currency = random.chance(0.6) ? 'USD' : 'EUR';
  const { customerId, clockId } = await world.customerOnClock(
    `Random ${index}`,
    random.chance(0.8) ? GOOD_CARD : FAILING_CARD,
  );
  const priceOf = () => world.catalog.prices[random.pick(PRICES[currency])];
  const subscribe = async () =>
    (
      await staff().subscriptions.create({
        customerId,
        priceId: priceOf(),
        quantity: random.int(1, 3),
        trialDays: random.pick([0, 0, 14]),
      })
    ).subscription.id;
  let id = await subscribe();
  let at = START;
  for (let step = 0; step < STEPS; step++) {
    at = Math.min(END, at + random.int(3, 55) * DAY_MS + random.int(0, 23) * 3_600_000);
    await world.advance(clockId, at);
    const action = random.pick(ACTIONS);
    // A refused action (pausing a canceled subscription, say) is part of the randomness.
    await act(action, { id, customerId, priceOf, random }).then(
      async (result) => {
        if (action === 'return' && result === 'return') id = await subscribe();
      },
      () => undefined,
    );
  }
  await world.advance(clockId, END);
}

async function act(
  action: (typeof ACTIONS)[number],
  s: { id: string; customerId: string; priceOf: () => string; random: SeededRandom },
): Promise<string | void> {
  const { subscription } = await staff().subscriptions.get({ id: s.id });
  const change = (priceId: string, quantity: number) =>
    staff().subscriptions.changePlan({ id: s.id, priceId, quantity, expectedVersion: subscription.version });
  switch (action) {
    case 'change':
      await change(s.priceOf(), subscription.quantity);
      return;
    case 'seats':
      await change(subscription.priceId, Math.max(1, subscription.quantity + s.random.pick([-1, 1, 2])));
      return;
    case 'cancel_end':
      await staff().subscriptions.cancel({ id: s.id, when: 'period_end' });
      return;
    case 'cancel_now':
      await staff().subscriptions.cancel({ id: s.id, when: 'now', prorate: s.random.chance(0.5) });
      return;
    case 'pause':
      await staff().subscriptions.pause({ id: s.id });
      return;
    case 'resume':
      await staff().subscriptions.resume({ id: s.id });
      return;
    case 'card_fails':
    case 'card_fixed': {
      const card = action === 'card_fails' ? FAILING_CARD : GOOD_CARD;
      const { paymentMethods } = await staff().billing.customer({ customerId: s.customerId });
      await staff().paymentMethods.add({ customerId: s.customerId, source: card, makeDefault: true });
      for (const method of paymentMethods.filter((m) => m.status === 'active'))
        await staff().paymentMethods.remove({ id: method.id });
      return;
    }
    case 'return':
      // A former payer comes back: only once the subscription has ended.
      return ['canceled', 'unpaid', 'incomplete'].includes(subscription.status) ? 'return' : undefined;
  }
}

beforeAll(async () => {
  world = await createBillingWorld();
  const random = new SeededRandom(20261207);
  for (let i = 0; i < CUSTOMERS; i++) await history(random, i);
});
afterAll(async () => {
  await world?.close();
});

describe('MRR from subscription history, against the movements', () => {
  it('reads a history that missed no change: each subscription’s last snapshot is its row', async () => {
    expect(await historyAstray(world.database.db, world.tenants.A.id)).toEqual([]);
  });

  it('agree for every customer, currency and month end of generated histories', async () => {
    const months = monthsFrom(START, END - 1);
    expect(await disagreements(world.database.db, world.tenants.A.id, months)).toEqual([]);
    const compared = await movementMonthEndMrr(world.database.db, world.tenants.A.id, months);
    expect(new Set(compared.map((r) => r.customerId)).size).toBeGreaterThan(CUSTOMERS / 2);
  });

  it('have something to compare: paying customers in both currencies, and some yearly', async () => {
    const statuses = await world.database.db
      .selectFrom('subscriptions')
      .innerJoin('prices', 'prices.id', 'subscriptions.price_id')
      .select(['subscriptions.status', 'subscriptions.currency', 'prices.interval'])
      .where('subscriptions.tenant_id', '=', world.tenants.A.id)
      .execute();
    expect(new Set(statuses.map((s) => s.currency))).toEqual(new Set(['USD', 'EUR']));
    expect(statuses.map((s) => s.interval)).toContain('year');
    expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(['active', 'canceled']));
    const lived = await world.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('tenant_id', '=', world.tenants.A.id)
      .where('entity_type', '=', 'subscription')
      .execute();
    const seen = new Set(lived.map((e) => (JSON.parse(e.after ?? '{}') as { status?: string }).status));
    for (const status of ['trialing', 'active', 'past_due', 'paused', 'canceled'])
      expect(seen, status).toContain(status);
  });
});
