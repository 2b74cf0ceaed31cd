import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../../../tests/fakes/stripe';
import { SIGNAL_BUDGET_MS } from '../../../tests/support/budgets';
import { CLOSED_PORT } from '../../../tests/support/ports';
import { money } from '../../../shared/money';
import { FAILURE_MESSAGES } from '../failure-messages';
import { gatewayErrorOf } from '../gateways.test-kit';
import type { PaymentGateway } from '../types';
import { createStripeGateway } from './stripe-gateway';

let fake: FakeStripe;
let gateway: PaymentGateway;
let customer: string;

const gatewayWith = (secretKey: string, port = fake.port) =>
  createStripeGateway({
    secretKey,
    host: fake.host,
    port,
    protocol: 'http',
    maxNetworkRetries: 0,
    // A loaded machine can take long to answer; only an unreachable port should fail fast.
    timeoutMs: SIGNAL_BUDGET_MS,
  });

beforeEach(async () => {
  fake = await startFakeStripe();
  gateway = gatewayWith(fake.secretKey);
  ({ gatewayCustomerId: customer } = await gateway.createCustomer(
    { customerId: 'cus_E', email: 'e@example.com', name: 'E' },
    'c-1',
  ));
});
afterEach(() => fake.close());

const charge = async (source: string, key = 'pay-1') => {
  const method = await gateway.attachPaymentMethod({ gatewayCustomerId: customer, source }, `attach-${key}`);
  return gateway.charge(
    {
      gatewayCustomerId: customer,
      paymentMethodRef: method.gatewayRef,
      amount: money(2000, 'USD'),
      description: 'd',
      metadata: {},
    },
    key,
  );
};

describe('Stripe declines, as outcomes', () => {
  it.each([
    ['pm_card_chargeCustomerFail', 'card_declined'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card'],
    ['pm_card_chargeDeclinedProcessingError', 'processing_error'],
    ['pm_card_visa_chargeDeclinedStolenCard', 'stolen_card'],
  ] as const)('%s fails with %s, naming the PaymentIntent Stripe left open', async (source, failureCode) => {
    const outcome = await charge(source);
    expect(outcome).toEqual({
      status: 'failed',
      gatewayRef: expect.stringMatching(/^pi_/) as string,
      failureCode,
      failureMessage: FAILURE_MESSAGES[failureCode],
    });
    expect(fake.store.paymentIntents.get(outcome.gatewayRef ?? '')?.status).toBe('requires_payment_method');
  });

  it('an off-session charge that needs authentication becomes requires_action on that PaymentIntent', async () => {
    const outcome = await charge('pm_card_authenticationRequired');
    expect(outcome).toMatchObject({ status: 'requires_action', failureCode: 'authentication_required' });
    expect(outcome.status !== 'succeeded' && outcome.failureMessage).toBe(
      FAILURE_MESSAGES.authentication_required,
    );
    expect(fake.store.paymentIntents.has(outcome.gatewayRef ?? '')).toBe(true);
  });

  it('a card refused while saving it is a card error', async () => {
    const error = await gatewayErrorOf(
      gateway.attachPaymentMethod(
        { gatewayCustomerId: customer, source: 'pm_card_visa_chargeDeclined' },
        'a-1',
      ),
    );
    expect(error).toMatchObject({
      kind: 'card',
      failureCode: 'card_declined',
      retryable: false,
      message: FAILURE_MESSAGES.card_declined,
    });
  });
});

describe('Stripe errors, as GatewayErrors', () => {
  it('rate limiting is retryable, and the retry with the same key goes through', async () => {
    const method = await gateway.attachPaymentMethod(
      { gatewayCustomerId: customer, source: 'pm_card_visa' },
      'a-rl',
    );
    const pay = () =>
      gateway.charge(
        {
          gatewayCustomerId: customer,
          paymentMethodRef: method.gatewayRef,
          amount: money(2000, 'USD'),
          description: 'd',
          metadata: {},
        },
        'pay-rl',
      );
    fake.failNext({
      status: 429,
      type: 'rate_limit_error',
      code: 'rate_limit',
      message: 'Too many requests',
    });
    const error = await gatewayErrorOf(pay());
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      message: 'Stripe is limiting the request rate; try again shortly',
    });
    expect((await pay()).status).toBe('succeeded');
    expect(fake.store.paymentIntents.size).toBe(1);
  });

  it("Stripe's own failures are retryable unavailability", async () => {
    fake.failNext({ status: 500, type: 'api_error', message: 'Something went wrong on our end' });
    const error = await gatewayErrorOf(gateway.createSetupIntent({ gatewayCustomerId: customer }, 's-1'));
    expect(error).toMatchObject({
      kind: 'unavailable',
      retryable: true,
      message: 'Stripe had an internal error; try again later',
    });
  });

  it('an unreachable Stripe is retryable unavailability', async () => {
    const error = await gatewayErrorOf(
      gatewayWith(fake.secretKey, CLOSED_PORT).createSetupIntent({ gatewayCustomerId: customer }, 's-1'),
    );
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(error.message).toContain('Could not reach Stripe');
  });

  it('a refused key is an authentication error that names the setting, not the key', async () => {
    const wrongKey = 'sk_test_wrongKeyNotThisAccount123456';
    const error = await gatewayErrorOf(
      gatewayWith(wrongKey).createCustomer({ customerId: 'c', email: 'x@example.com', name: 'X' }, 'k'),
    );
    expect(error).toMatchObject({ kind: 'authentication', retryable: false });
    expect(error.message).toContain('STRIPE_SECRET_KEY');
    expect(error.message).not.toContain(wrongKey);
  });

  it('an invalid request names the parameter Stripe refused', async () => {
    const outcome = await charge('pm_card_visa');
    const error = await gatewayErrorOf(
      gateway.refund(
        { chargeRef: outcome.gatewayRef ?? '', amount: money(2001, 'USD'), reason: 'duplicate' },
        'r-1',
      ),
    );
    expect(error).toMatchObject({ kind: 'invalid_request', retryable: false });
    expect(error.message).toBe(
      'Stripe refused the request (parameter "amount"): Refund amount ($20.01) is greater than unrefunded amount on charge ($20.00)',
    );
  });

  it('an id Stripe does not know is an invalid request naming it', async () => {
    const error = await gatewayErrorOf(
      gateway.createSetupIntent({ gatewayCustomerId: 'cus_missing' }, 's-2'),
    );
    expect(error.kind).toBe('invalid_request');
    expect(error.message).toContain("No such customer: 'cus_missing'");
  });

  it('a key reused with other parameters is an idempotency error', async () => {
    await gateway.createSetupIntent({ gatewayCustomerId: customer }, 'same');
    const error = await gatewayErrorOf(
      gateway.createCustomer({ customerId: 'c2', email: 'y@example.com', name: 'Y' }, 'same'),
    );
    expect(error).toMatchObject({ kind: 'idempotency', retryable: false });
  });
});
