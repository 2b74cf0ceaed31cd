import { expect } from 'vitest';
import type { FakeStripe } from '../../fakes/stripe';
import type { StripeEvent } from '../../fakes/stripe/events';
import { expectExactlyOnce } from './expectations';
import { inOrderRun, type MirrorOutcome } from './in-order-run';
import { seedStripeHistories, type StripeHistories } from './stripe-histories';

/**
 * The exactly-once tests' scenario, one for the single server on SQLite and the two behind
 * nginx on PostgreSQL: 500 Stripe subscriptions that each went through 20 versions (10,000
 * customer.subscription.* events), 2,000 of them delivered twice, shuffled, 64 in flight, a
 * server SIGKILLed once 5,000 are acknowledged.
 */
export const SCENARIO = {
  subscriptions: 500,
  versions: 20,
  duplicates: 2_000,
  concurrency: 64,
  killAfter: 5_000,
};

/** The histories, held by the Stripe fake as Stripe's current objects. */
export function seedScenario(fake: FakeStripe): Promise<StripeHistories> {
  return seedStripeHistories(fake, {
    subscriptions: SCENARIO.subscriptions,
    versions: SCENARIO.versions,
    since: Math.floor(Date.now() / 1000) - 3 * 86_400,
  });
}

/**
 * Runs `crashedRun` on every event beside the in-order reference (in this process, on the
 * test project's database, while the servers work: two cores, half the time) and checks it.
 */
export async function expectCrashedRunExactlyOnce(
  histories: StripeHistories,
  fake: FakeStripe,
  secret: string,
  crashedRun: (events: StripeEvent[]) => Promise<MirrorOutcome>,
): Promise<void> {
  expect(histories.events).toHaveLength(SCENARIO.subscriptions * SCENARIO.versions);
  const [crashed, inOrder] = await Promise.all([
    crashedRun(histories.events),
    inOrderRun(histories.events, fake, secret),
  ]);
  expectExactlyOnce(crashed, inOrder, histories, fake.requests);
}
