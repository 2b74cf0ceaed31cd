import Stripe from 'stripe';
import { GatewayError, type PaymentGateway } from '../types';
import { createStripeClient, type StripeClientOptions } from './client';
import { gatewayErrorFrom } from './stripe-errors';
import { chargeOutcomeOf, declinedChargeOutcome, refundOutcomeOf } from './stripe-outcomes';

export type StripeGatewayOptions = StripeClientOptions;

/**
 * Stripe, through the official SDK. Charges are PaymentIntents confirmed off-session;
 * a charge's `gatewayRef` is always the PaymentIntent id (pi_…), whatever the outcome,
 * since it is the one id that names the payment from attempt to refund (and what a
 * customer authenticates against after requires_action). `refund` takes a pi_… or a
 * ch_… ref. Every write passes the caller's idempotency key to Stripe.
 *
 * The client lives in this closure, not on the returned object, so logging or
 * serialising the gateway can never print the key the client holds.
 */
export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const stripe = createStripeClient(options);

  /** Sends one write with the caller's idempotency key; errors come back as the SDK threw them. */
  async function send<T>(
    idempotencyKey: string,
    call: (requestOptions: Stripe.RequestOptions) => Promise<T>,
  ) {
    // An empty key would make the SDK invent one, silently losing exactly-once.
    if (!idempotencyKey) {
      throw new GatewayError('invalid_request', 'An idempotency key is required for every write', false);
    }
    return call({ idempotencyKey });
  }

  /** A write whose errors are translated into GatewayErrors. */
  async function write<T>(
    idempotencyKey: string,
    call: (requestOptions: Stripe.RequestOptions) => Promise<T>,
  ) {
    try {
      return await send(idempotencyKey, call);
    } catch (error) {
      throw gatewayErrorFrom(error, options.secretKey);
    }
  }

  async function read<T>(call: () => Promise<T>) {
    try {
      return await call();
    } catch (error) {
      throw gatewayErrorFrom(error, options.secretKey);
    }
  }

  return {
    name: 'stripe',

    async createCustomer(input, idempotencyKey) {
      const customer = await write(idempotencyKey, (requestOptions) =>
        stripe.customers.create(
          { email: input.email, name: input.name, metadata: { tollgate_customer_id: input.customerId } },
          requestOptions,
        ),
      );
      return { gatewayCustomerId: customer.id };
    },

    async createSetupIntent(input, idempotencyKey) {
      const intent = await write(idempotencyKey, (requestOptions) =>
        stripe.setupIntents.create(
          { customer: input.gatewayCustomerId, usage: 'off_session', allowed_payment_method_types: ['card'] },
          requestOptions,
        ),
      );
      if (!intent.client_secret) {
        throw new GatewayError(
          'invalid_request',
          `SetupIntent ${intent.id} came back without a client secret`,
          false,
        );
      }
      return { gatewayRef: intent.id, clientSecret: intent.client_secret };
    },

    async attachPaymentMethod(input, idempotencyKey) {
      // Never echo `source`: if a raw card number reached here by mistake, it must go nowhere.
      if (!/^pm_\w+$/.test(input.source)) {
        throw new GatewayError(
          'invalid_request',
          'Stripe needs a PaymentMethod id (pm_…) from the card form',
          false,
        );
      }
      const method = await write(idempotencyKey, (requestOptions) =>
        stripe.paymentMethods.attach(input.source, { customer: input.gatewayCustomerId }, requestOptions),
      );
      if (!method.card) {
        throw new GatewayError('invalid_request', `PaymentMethod ${method.id} is not a card`, false);
      }
      const { brand, last4, exp_month: expMonth, exp_year: expYear } = method.card;
      return { gatewayRef: method.id, brand, last4, expMonth, expYear };
    },

    async detachPaymentMethod(input, idempotencyKey) {
      await write(idempotencyKey, (requestOptions) =>
        stripe.paymentMethods.detach(input.gatewayRef, {}, requestOptions),
      );
    },

    async charge(input, idempotencyKey) {
      try {
        const intent = await send(idempotencyKey, (requestOptions) =>
          stripe.paymentIntents.create(
            {
              amount: input.amount.amount,
              currency: input.amount.currency.toLowerCase(),
              customer: input.gatewayCustomerId,
              payment_method: input.paymentMethodRef,
              confirm: true,
              off_session: true,
              description: input.description,
              metadata: input.metadata,
            },
            requestOptions,
          ),
        );
        return chargeOutcomeOf(intent);
      } catch (error) {
        // A decline is an outcome to record, not an exception.
        if (error instanceof Stripe.errors.StripeCardError) return declinedChargeOutcome(error);
        throw gatewayErrorFrom(error, options.secretKey);
      }
    },

    async refund(input, idempotencyKey) {
      const ref = input.chargeRef;
      const isCharge = ref.startsWith('ch_');
      if (!isCharge && !ref.startsWith('pi_')) {
        throw new GatewayError(
          'invalid_request',
          `"${ref}" is not a Stripe PaymentIntent (pi_…) or charge (ch_…)`,
          false,
        );
      }
      // Stripe refunds in the payment's own currency whatever we mean, so check ours matches first.
      const paid = isCharge
        ? await read(() => stripe.charges.retrieve(ref))
        : await read(() => stripe.paymentIntents.retrieve(ref));
      if (paid.currency !== input.amount.currency.toLowerCase()) {
        throw new GatewayError(
          'invalid_request',
          `The refund is in ${input.amount.currency} but ${ref} was paid in ${paid.currency.toUpperCase()}`,
          false,
        );
      }
      const refund = await write(idempotencyKey, (requestOptions) =>
        stripe.refunds.create(
          {
            ...(isCharge ? { charge: ref } : { payment_intent: ref }),
            amount: input.amount.amount,
            reason: input.reason,
          },
          requestOptions,
        ),
      );
      return refundOutcomeOf(refund);
    },
  };
}
