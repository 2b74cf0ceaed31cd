import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { mirroredInterval, mirroredLine, mirroredStatus } from './mapping';

const subscription = (status: string, pause: Stripe.Subscription['pause_collection'] = null) =>
  ({ id: 'sub_1', status, pause_collection: pause }) as unknown as Stripe.Subscription;

describe('Stripe statuses in Tollgate’s words', () => {
  it('keeps the shared ones, ends incomplete_expired, and shows paused collection as paused', () => {
    expect(mirroredStatus(subscription('past_due'))).toBe('past_due');
    expect(mirroredStatus(subscription('incomplete_expired'))).toBe('canceled');
    expect(mirroredStatus(subscription('active', { behavior: 'void', resumes_at: null }))).toBe('paused');
    expect(mirroredStatus(subscription('active'))).toBe('active');
    expect(() => mirroredStatus(subscription('mystery'))).toThrow(/unknown Stripe subscription status/);
  });
});

describe('Stripe prices and lines', () => {
  const price = (interval: string, count: number) =>
    ({ id: 'price_1', recurring: { interval, interval_count: count } }) as unknown as Stripe.Price;

  it('mirrors monthly and yearly prices only', () => {
    expect(mirroredInterval(price('year', 1))).toBe('year');
    expect(() => mirroredInterval(price('month', 3))).toThrow(/every 3 month/);
    expect(() => mirroredInterval(price('week', 1))).toThrow(/monthly and yearly prices only/);
  });

  it('reads a proration as a proration and keeps the billed amount exactly', () => {
    const invoice = {
      id: 'in_1',
      lines: {
        data: [
          {
            amount: -1001,
            quantity: 3,
            description: 'Unused time',
            period: { start: 10, end: 20 },
            pricing: { price_details: { price: 'price_1', product: 'prod_1' } },
            parent: { type: 'subscription_item_details', subscription_item_details: { proration: true } },
          },
        ],
      },
    } as unknown as Stripe.Invoice;
    const line = mirroredLine(invoice, 0);
    expect(line).toMatchObject({
      kind: 'proration',
      amount: -1001,
      priceRef: 'price_1',
      periodStart: 10_000,
    });
  });
});
