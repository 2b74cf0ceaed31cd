import { TRPCError } from '@trpc/server';
import type { Selectable } from 'kysely';
import type Stripe from 'stripe';
import type { DB } from '../../../db/schema';
import { startFakeStripe, type FakeStripe, type StripeEvent } from '../../../../tests/fakes/stripe';
import { gatewayProvider } from '../../../gateways/provider';
import { silentLogger } from '../../../lib/logger';
import { createBillingWorld, type BillingWorld } from '../../../testing/billing.test-kit';
import type { StripeEventContext, StripeEventOutcome } from '../../stripe-events';
import { paymentEventHandlers } from './index';

/** A billing world whose tenant A bills on the Stripe fake, with the payment handlers at hand. */
export interface PaymentEventsKit {
  world: BillingWorld;
  stripe: FakeStripe;
  /** The SDK client the handlers use, for changes made "in Stripe's dashboard". */
  api: Stripe;
  context: StripeEventContext;
  /** Runs the handler for the event's type, as the inbox would. */
  deliver(event: StripeEvent | Stripe.Event): Promise<StripeEventOutcome>;
  /** The events the fake emitted of a type about an object, oldest first. */
  eventsAbout(type: string, objectId: string): StripeEvent[];
  /** The one event of a type about an object. */
  eventAbout(type: string, objectId: string): StripeEvent;
  newCustomer(name: string): Promise<string>;
  /** A customer with a saved Stripe test card (pm_card_visa, pm_card_authenticationRequired…). */
  customerWithCard(name: string, testCard: string): Promise<{ customerId: string; cardRef: string }>;
  /** A manual invoice of `amount` cents, collected at once (a decline or an unreachable Stripe is left recorded, not thrown). */
  chargeInvoice(customerId: string, amount: number): Promise<string>;
  /** The payments of an invoice as stored, oldest first. */
  paymentsOf(invoiceId: string): Promise<Selectable<DB['payments']>[]>;
  close(): Promise<void>;
}

let counter = 0;

export async function startPaymentEventsKit(): Promise<PaymentEventsKit> {
  const stripe = await startFakeStripe();
  const world = await createBillingWorld();
  // Events carry Stripe's real time; the world's clock starts in the past, so bring it to now.
  if (Date.now() > world.clock.now()) world.clock.set(Date.now());
  const gateways = gatewayProvider(
    {
      stripeSecretKey: stripe.secretKey,
      stripeHost: stripe.host,
      stripePort: stripe.port,
      stripeProtocol: 'http',
    },
    world.database.db,
    world.clock,
  );
  world.services.gateways = gateways;
  const api = gateways.stripeApi(world.tenants.A.id);
  if (!api) throw new Error('the Stripe fake gave no API client');
  const context: StripeEventContext = {
    db: world.database.db,
    tenantId: world.tenants.A.id,
    gateways,
    clock: world.clock,
    logger: silentLogger,
  };
  const newCustomer = async (name: string) => {
    counter++;
    const customer = await world
      .as('adminA')
      .customers.create({ name, email: `payer${counter}-${Date.now()}@example.com`, country: 'US' });
    return customer.id;
  };
  const handlers = paymentEventHandlers();
  const eventsAbout = (type: string, objectId: string) =>
    stripe.store.events.filter((e) => e.type === type && e.data.object.id === objectId);
  return {
    world,
    stripe,
    api,
    context,
    async deliver(event) {
      const handler = handlers[event.type];
      if (!handler) throw new Error(`no payment handler for ${event.type}`);
      return handler(context, structuredClone(event) as unknown as Stripe.Event);
    },
    eventsAbout,
    eventAbout(type, objectId) {
      const found = eventsAbout(type, objectId);
      if (found.length !== 1) throw new Error(`${found.length} ${type} events about ${objectId}, expected 1`);
      return found[0] as StripeEvent;
    },
    newCustomer,
    async customerWithCard(name, testCard) {
      const customerId = await newCustomer(name);
      const card = await world.as('billingA').paymentMethods.add({ customerId, source: testCard });
      return { customerId, cardRef: card.gatewayRef };
    },
    async chargeInvoice(customerId, amount) {
      const staff = world.as('billingA');
      const invoice = await staff.invoices.createManual({
        customerId,
        currency: 'USD',
        lines: [{ description: 'Consulting', quantity: 1, unitAmount: amount }],
      });
      await staff.invoices.pay({ id: invoice.id }).catch((error: unknown) => {
        // A decline, or Stripe unreachable: either way the payment stays recorded, which is what tests look at.
        const recorded =
          error instanceof TRPCError && ['PAYMENT_REQUIRED', 'TOO_MANY_REQUESTS'].includes(error.code);
        if (!recorded) throw error;
      });
      return invoice.id;
    },
    paymentsOf: (invoiceId) =>
      world.database.db
        .selectFrom('payments')
        .selectAll()
        .where('invoice_id', '=', invoiceId)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
    async close() {
      await world.close();
      await stripe.close();
    },
  };
}

/** The same event delivered at another Stripe time (seconds from its own), as a late or early copy. */
export function shifted<E extends { id: string; created: number }>(
  event: E,
  seconds: number,
  id?: string,
): E {
  return { ...structuredClone(event), id: id ?? `${event.id}_copy`, created: event.created + seconds };
}
