import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/billing/periods';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';
import { START } from '../../testing/world.test-kit';
import { silentLogger } from '../../lib/logger';
import { DEFAULT_SEND_POLICY, runEmailPass } from '../emails';
import type { TimelinePage } from './service';

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const staff = () => world.as('billingA');
const refunder = () => world.as('owner', world.tenants.A.id);

/** A customer with a card, a subscription, an upgrade, a partial refund, a cancellation undone and a failed renewal. */
async function eventfulCustomer() {
  const { customerId, clockId, cardId } = await world.customerOnClock('Tess Timeline', GOOD_CARD);
  const started = await staff().subscriptions.create({
    customerId,
    priceId: world.catalog.prices.proMonthlyUsd,
    trialDays: 0,
  });
  const firstPayment = started.payment && 'payment' in started.payment ? started.payment.payment : null;
  if (!firstPayment) throw new Error('expected a paid first invoice');
  await world.advance(clockId, START + DAY_MS);
  const upgraded = await staff().subscriptions.changePlan({
    id: started.subscription.id,
    priceId: world.catalog.prices.enterpriseMonthlyUsd,
    quantity: 2,
    timing: 'now',
    expectedVersion: started.subscription.version,
  });
  await refunder().payments.refund({
    paymentId: firstPayment.id,
    amount: 300,
    reason: 'requested_by_customer',
  });
  await staff().subscriptions.cancel({ id: started.subscription.id, when: 'period_end' });
  await staff().subscriptions.undoCancel({ id: started.subscription.id });
  const failing = await staff().paymentMethods.add({ customerId, source: FAILING_CARD });
  await staff().paymentMethods.setDefault({ id: failing.id });
  // Without the good card the subscription falls back to the failing default at renewal.
  await staff().paymentMethods.remove({ id: String(cardId) });
  await world.advance(clockId, START + 32 * DAY_MS);
  // The email pass writes the emails those events call for (held: no SMTP here).
  world.clock.advance(1000);
  await runEmailPass({
    db: world.database.db,
    clock: world.clock,
    logger: silentLogger,
    mailer: null,
    policy: DEFAULT_SEND_POLICY,
  });
  return {
    customerId,
    subscriptionId: started.subscription.id,
    firstInvoiceId: started.invoice?.id,
    upgraded,
  };
}

describe('the customer timeline', () => {
  it('lists everything that happened to the customer and their billing, newest first, each with its link', async () => {
    const tess = await eventfulCustomer();
    const { items, nextCursor } = await staff().timeline.customer({
      customerId: tess.customerId,
      limit: 100,
    });
    expect(nextCursor).toBeNull();
    const kinds = items.map((e) => e.kind);
    for (const kind of [
      'customer.created',
      'card.added',
      'subscription.created',
      'invoice.issued',
      'payment.succeeded',
      'invoice.paid',
      'subscription.plan_changed',
      'refund.succeeded',
      'subscription.cancel_scheduled',
      'subscription.cancel_undone',
      'card.default',
      'card.removed',
      'payment.failed',
      'recovery.started',
      'email.held',
    ] as const) {
      expect(kinds, kind).toContain(kind);
    }
    // Newest first: times never increase down the list.
    const times = items.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(kinds.at(-1)).toBe('customer.created');
    expect(kinds.indexOf('subscription.cancel_undone')).toBeLessThan(
      kinds.indexOf('subscription.cancel_scheduled'),
    );

    const byKind = (kind: string) => items.find((e) => e.kind === kind);
    expect(byKind('subscription.plan_changed')).toMatchObject({
      link: { to: 'subscription', id: tess.subscriptionId },
      detail: { fromPlan: 'Pro (monthly)', toPlan: 'Enterprise (monthly)', fromQuantity: 1, toQuantity: 2 },
    });
    expect(byKind('refund.succeeded')).toMatchObject({
      link: { to: 'invoice', id: tess.firstInvoiceId },
      money: { amount: 300, currency: 'USD' },
      detail: { full: false, paymentAmount: 999 },
    });
    expect(byKind('payment.failed')).toMatchObject({ link: { to: 'invoice' }, money: { currency: 'USD' } });
    expect(byKind('invoice.issued')?.detail.number).toMatch(/^INV-/);
    expect(byKind('card.removed')?.detail).toMatchObject({ brand: 'visa', last4: '4242' });
    expect(byKind('email.held')?.link?.to).toBe('email');
    expect(byKind('email.held')?.link?.id).toMatch(/^eml_/);
    expect(byKind('card.added')?.actorName).toBe('billingA');
  });

  it('pages by keys: the pages together are the whole list, in order, with nothing twice', async () => {
    const tess = await eventfulCustomer();
    const whole = (await staff().timeline.customer({ customerId: tess.customerId, limit: 100 })).items;
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: TimelinePage = await staff().timeline.customer({
        customerId: tess.customerId,
        limit: 3,
        cursor,
      });
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole.map((e) => e.id));
  });

  it('reads the same for a viewer, and never another tenant’s customer', async () => {
    const tess = await eventfulCustomer();
    const asStaff = await staff().timeline.customer({ customerId: tess.customerId });
    const asViewer = await world.as('viewerA').timeline.customer({ customerId: tess.customerId });
    expect(asViewer).toEqual(asStaff);
    await expectDomainError(
      () => world.as('adminB').timeline.customer({ customerId: tess.customerId }),
      'NOT_FOUND',
    );
    await expectDomainError(
      () => staff().timeline.customer({ customerId: tess.customerId, cursor: 'bm90IGEgY3Vyc29y' }),
      'INVALID_INPUT',
    );
  });
});
