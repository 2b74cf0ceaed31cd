import { expect } from 'vitest';
import type { FakeStripe } from '../../fakes/stripe';
import type { StripeEvent } from '../../fakes/stripe/events';
import { expectExactlyOnce } from './expectations';
import { inOrderRun, type MirrorOutcome } from './in-order-run';
import { seedStripeHistories, type StripeHistories } from './stripe-histories';

/**
 * The exactly-once tests' scenario: `subscriptions` Stripe subscriptions that each went through
 * 20 versions (500 make 10,000 customer.subscription.* events), a fifth of the events delivered
 * twice, shuffled, 64 in flight, a server SIGKILLed once half the events are acknowledged.
 */
export interface Scenario {
  subscriptions: number;
  versions: number;
  duplicates: number;
  concurrency: number;
  killAfter: number;
}

export function scenarioOf(subscriptions: number): Scenario {
  const versions = 20;
  const events = subscriptions * versions;
  return { subscriptions, versions, duplicates: events / 5, concurrency: 64, killAfter: events / 2 };
}

/** The histories, held by the Stripe fake as Stripe's current objects. */
export function seedScenario(fake: FakeStripe, scenario: Scenario): Promise<StripeHistories> {
  return seedStripeHistories(fake, {
    subscriptions: scenario.subscriptions,
    versions: scenario.versions,
    since: Math.floor(Date.now() / 1000) - 3 * 86_400,
  });
}

/**
 * Runs `crashedRun` on every event beside the in-order reference (in this process, on the
 * test project's database, while the servers work: two cores, half the time) and checks it.
 */
export async function expectCrashedRunExactlyOnce(
  scenario: Scenario,
  histories: StripeHistories,
  fake: FakeStripe,
  secret: string,
  crashedRun: (events: StripeEvent[]) => Promise<MirrorOutcome>,
): Promise<void> {
  expect(histories.events).toHaveLength(scenario.subscriptions * scenario.versions);
  const [crashed, inOrder] = await Promise.all([
    crashedRun(histories.events),
    inOrderRun(histories.events, fake, secret),
  ]);
  expectExactlyOnce(crashed, inOrder, histories, fake.requests);
}
