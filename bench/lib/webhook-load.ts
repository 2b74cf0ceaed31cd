import {
  deliveryClient,
  signedDelivery,
  stripeEvent,
  type Delivery,
} from '../../tests/fakes/stripe/webhooks';
import { percentile, summarize, type Summary } from './stats';

/** The webhook bench's deliveries and its load: many signed events posted with N in flight. */

export type Timing = Summary & { p99: number };

/**
 * A realistic event body (~2.5 kB, a subscription snapshot), signed now. Its type has no handler,
 * so the instances' processors mark each one ignored, as the figures say: an incomplete snapshot
 * of a handled type would fail, log and come back for retries, measuring that instead.
 */
export function deliveries(count: number, secret: string): Delivery[] {
  return Array.from({ length: count }, (_, i) =>
    signedDelivery(
      stripeEvent(
        'customer.subscription.trial_will_end',
        {
          id: `sub_bench${i % 1000}`,
          object: 'subscription',
          status: 'active',
          customer: `cus_bench${i % 1000}`,
          items: {
            object: 'list',
            data: [
              {
                id: `si_${i}`,
                price: { id: 'price_bench', unit_amount: 2900, currency: 'usd' },
                quantity: 1,
              },
            ],
          },
          metadata: { note: 'x'.repeat(1500) },
        },
        { previousAttributes: { quantity: 2 } },
      ),
      secret,
    ),
  );
}

export function withP99(samples: number[]): Timing {
  return {
    ...summarize(samples),
    p99: percentile(
      [...samples].sort((a, b) => a - b),
      99,
    ),
  };
}

/** Posts `items` with `concurrency` requests in flight; per-request latency and events/s. */
export async function load(
  endpoint: string,
  items: Delivery[],
  concurrency: number,
): Promise<Timing & { perSecond: number }> {
  const client = deliveryClient(concurrency);
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < items.length) {
      const delivery = items[next++] as Delivery;
      const start = performance.now();
      const response = await client.post(endpoint, delivery);
      if (response.status !== 200) throw new Error(`answered ${response.status}: ${response.body}`);
      samples.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  client.close();
  return { ...withP99(samples), perSecond: items.length / seconds };
}
