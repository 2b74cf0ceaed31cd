import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// The mirror's test kit (the Stripe fake and its events) is what a test of mirrored movements
// needs; a test kit is not part of a module's index (it never ships).
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { at, createMirrorWorld, type MirrorWorld } from '../stripe-billing/stripe-billing.test-kit';
import { monthlySums, movementsOf, rederived } from './analytics.test-kit';

/**
 * MRR movements of subscriptions mirrored from Stripe Billing: each applied snapshot records
 * them at Stripe's time, a late event of another subscription is placed where it happened, and
 * a stale snapshot (refused by the mirror) records nothing.
 */

let m: MirrorWorld;
beforeEach(async () => {
  m = await createMirrorWorld();
});
afterEach(() => m.close());

const tenant = () => m.context.tenantId;
const customerOf = async (ref: string) =>
  (
    await m.world.database.db
      .selectFrom('subscriptions')
      .select('customer_id')
      .where('tenant_id', '=', tenant())
      .where('gateway_ref', '=', ref)
      .executeTakeFirstOrThrow()
  ).customer_id;

describe('MRR movements of Stripe Billing subscriptions', () => {
  it('are placed at Stripe’s time, whatever order the events arrive in', async () => {
    const customer = await m.customerWithCard('mia@example.com');
    const team = await m.monthlyPrice('Team', 2900);
    const scale = await m.monthlyPrice('Scale', 4900);
    const first = await m.subscribe(customer.id, team.id);
    const second = await m.subscribe(customer.id, scale.id);
    const base = m.lastEvent('customer.subscription.created', first.id).created;

    // The second subscription's event arrives first; the first one's, dated earlier, after it.
    expect(await m.apply(at(m.lastEvent('customer.subscription.created', second.id), base + 100))).toBe(
      'applied',
    );
    const customerId = await customerOf(second.id);
    expect((await movementsOf(m.world, tenant(), customerId)).map((x) => x.kind)).toEqual(['new']);
    const created = at(m.lastEvent('customer.subscription.created', first.id), base + 50);
    expect(await m.apply(created)).toBe('applied');
    expect(
      (await movementsOf(m.world, tenant(), customerId)).map(({ kind, amount, at: when }) => ({
        kind,
        amount,
        when,
      })),
    ).toEqual([
      { kind: 'new', amount: 2900, when: (base + 50) * 1000 },
      { kind: 'expansion', amount: 4900, when: (base + 100) * 1000 },
    ]);

    // Two seats, then a stale snapshot of the first subscription that the mirror refuses.
    await m.stripe.subscriptions.update(
      first.id,
      { items: [{ id: first.items.data[0]?.id, quantity: 2 }] },
      m.once(),
    );
    expect(await m.apply(at(m.lastEvent('customer.subscription.updated', first.id), base + 200))).toBe(
      'applied',
    );
    expect(await m.apply(at(created, base + 60))).toBe('stale');

    await m.stripe.subscriptions.cancel(second.id);
    const deleted = at(m.lastEvent('customer.subscription.deleted', second.id), base + 300, {
      ended_at: base + 290,
    });
    expect(await m.apply(deleted)).toBe('applied');
    const moves = await movementsOf(m.world, tenant(), customerId);
    expect(
      moves
        .slice(2)
        .map(({ kind, amount, at: when, cause, source }) => ({ kind, amount, when, cause, source })),
    ).toEqual([
      { kind: 'expansion', amount: 2900, when: (base + 200) * 1000, cause: 'stripe_event', source: 'stripe' },
      {
        kind: 'contraction',
        amount: -4900,
        when: (base + 290) * 1000,
        cause: 'stripe_event',
        source: 'stripe',
      },
    ]);

    const sums = await monthlySums(m.world, tenant());
    expect(sums.stored).toEqual(sums.summed);
    const again = await rederived(m.world, tenant(), customerId, (base + 300) * 1000);
    expect(again.stored).toEqual(again.derived);
  });
});
