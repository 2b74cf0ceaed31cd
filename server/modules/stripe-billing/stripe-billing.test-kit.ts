import Stripe from 'stripe';
import { startFakeStripe, type FakeStripe, type StripeEvent } from '../../../tests/fakes/stripe';
import { gatewayProvider } from '../../gateways/provider';
import { silentLogger } from '../../lib/logger';
import { createBillingWorld, type BillingWorld } from '../../testing/billing.test-kit';
import type { StripeEventHandler } from '../stripe-events';
import type { MirrorContext } from './context';
import { stripeBillingHandlers } from './index';

/**
 * Tests of the mirror: a billing world whose gateway is the Stripe-compatible fake, a
 * Stripe client acting on the fake's side (as a business using Stripe's dashboard would),
 * and helpers to make Stripe Billing objects there.
 */
export interface MirrorWorld {
  world: BillingWorld;
  fake: FakeStripe;
  /** Stripe itself, for what happens in Stripe's dashboard rather than in Tollgate. */
  stripe: Stripe;
  context: MirrorContext;
  /** Runs the mirror's handler of `event`'s type on it, as the webhook route would. */
  apply(event: Stripe.Event): ReturnType<StripeEventHandler>;
  once(): { idempotencyKey: string };
  customerWithCard(email: string, card?: string): Promise<Stripe.Customer>;
  monthlyPrice(productName: string, amount: number): Promise<Stripe.Price>;
  subscribe(customer: string, price: string): Promise<Stripe.Subscription>;
  /** The fake's last event of `type` about `objectId`. */
  lastEvent(type: string, objectId: string): Stripe.Event;
  close(): Promise<void>;
}

let keys = 0;

export async function createMirrorWorld(): Promise<MirrorWorld> {
  const fake = await startFakeStripe();
  const world = await createBillingWorld();
  world.services.gateways = gatewayProvider(
    { stripeSecretKey: fake.secretKey, stripeHost: fake.host, stripePort: fake.port, stripeProtocol: 'http' },
    world.database.db,
    world.clock,
  );
  const stripe = new Stripe(fake.secretKey, {
    host: fake.host,
    port: fake.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  const once = () => ({ idempotencyKey: `dashboard-${++keys}` });
  const context: MirrorContext = {
    db: world.database.db,
    tenantId: world.tenants.A.id,
    gateways: world.services.gateways,
    clock: world.clock,
    logger: silentLogger,
  };
  const handlers = stripeBillingHandlers();
  return {
    world,
    fake,
    stripe,
    context,
    apply(event) {
      const handler = handlers[event.type];
      if (!handler) throw new Error(`no handler for ${event.type}`);
      return handler(context, event);
    },
    once,
    async customerWithCard(email, card = 'pm_card_visa') {
      const customer = await stripe.customers.create({ email, name: email.split('@')[0] }, once());
      const method = await stripe.paymentMethods.attach(card, { customer: customer.id }, once());
      return stripe.customers.update(
        customer.id,
        { invoice_settings: { default_payment_method: method.id } },
        once(),
      );
    },
    async monthlyPrice(productName, amount) {
      const product = await stripe.products.create({ name: productName }, once());
      return stripe.prices.create(
        { product: product.id, currency: 'usd', unit_amount: amount, recurring: { interval: 'month' } },
        once(),
      );
    },
    subscribe: (customer, price) => stripe.subscriptions.create({ customer, items: [{ price }] }, once()),
    lastEvent(type, objectId) {
      const event = fake.store.events
        .filter((candidate: StripeEvent) => candidate.type === type && candidate.data.object.id === objectId)
        .at(-1);
      if (!event) throw new Error(`the fake emitted no ${type} for ${objectId}`);
      return structuredClone(event) as unknown as Stripe.Event;
    },
    async close() {
      await world.close();
      await fake.close();
    },
  };
}

/** An event as Stripe would have sent it at another second (for ordering tests). */
export function at(event: Stripe.Event, created: number, patch: Record<string, unknown> = {}): Stripe.Event {
  const copy = structuredClone(event);
  copy.created = created;
  copy.id = `${event.id}_${created}`;
  Object.assign(copy.data.object, patch);
  return copy;
}
