import type { RecordedRequest } from '../../fakes/stripe';
import type { StripeEvent } from '../../fakes/stripe/events';
import { deliveryClient, signedDelivery } from '../../fakes/stripe/webhooks';

/** How the exactly-once tests deliver events: shuffled, duplicated, many in flight, as Stripe retries. */

/** A fixed-seed shuffle, so a failure can be run again as it was. */
export function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Every event, then `duplicates` of them again, all in one shuffled order. */
export function withDuplicates(events: StripeEvent[], duplicates: number): StripeEvent[] {
  return shuffled([...events, ...shuffled(events, 7).slice(0, duplicates)], 42);
}

/**
 * Posts every delivery to `endpoint`, `concurrency` at a time, each signed as it goes out.
 * Resolves with those not acknowledged with a 2xx (connection refused or reset, a 502: the
 * server died), and why. `onAcknowledged` runs after each 2xx, and may kill a server.
 */
export async function postAll(
  endpoint: string,
  deliveries: StripeEvent[],
  options: { secret: string; concurrency: number; onAcknowledged?: (count: number) => void },
): Promise<{ unacknowledged: StripeEvent[]; reasons: string[] }> {
  const client = deliveryClient(options.concurrency);
  const unacknowledged: StripeEvent[] = [];
  const reasons = new Set<string>();
  let next = 0;
  let acknowledged = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const event = deliveries[next++] as StripeEvent;
      try {
        const answer = await client.post(endpoint, signedDelivery(event, options.secret));
        if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
        options.onAcknowledged?.(++acknowledged);
      } catch (error) {
        reasons.add(error instanceof Error ? error.message : String(error));
        unacknowledged.push(event);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  client.close();
  return { unacknowledged, reasons: [...reasons] };
}

/** Stripe's retries: whatever was not acknowledged is sent again, until it is (a few rounds at most). */
export async function redeliver(
  endpoint: string,
  leftOver: StripeEvent[],
  options: { secret: string; concurrency: number },
): Promise<{ unacknowledged: StripeEvent[]; reasons: string[] }> {
  let retried = { unacknowledged: leftOver, reasons: [] as string[] };
  for (let round = 0; round < 5 && retried.unacknowledged.length > 0; round++) {
    retried = await postAll(endpoint, retried.unacknowledged, options);
  }
  return retried;
}

/** How many times each subscription was fetched from Stripe, by id. */
export function subscriptionFetches(requests: RecordedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const id = /^\/v1\/subscriptions\/(sub_\w+)$/.exec(request.path)?.[1];
    if (request.method === 'GET' && id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
