import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../../../tests/fakes/stripe';
import { SIGNAL_BUDGET_MS } from '../../../tests/support/budgets';
import { CLOSED_PORT } from '../../../tests/support/ports';
import { money } from '../../../shared/money';
import type { PaymentGateway } from '../types';
import { createStripeGateway } from './stripe-gateway';

const ACCOUNT_KEY = 'sk_test_CANARYaccountKey7Qx93LmZp2Vw8Rt';
const WRONG_KEY = 'sk_test_CANARYwrongKey4Hd81KsPq6Yn2Ue';

let fake: FakeStripe;
let customer: string;

const gatewayWith = (secretKey: string, port = fake.port): PaymentGateway =>
  createStripeGateway({
    secretKey,
    host: fake.host,
    port,
    protocol: 'http',
    maxNetworkRetries: 0,
    // A loaded machine can take long to answer; only an unreachable port should fail fast.
    timeoutMs: SIGNAL_BUDGET_MS,
  });

/** Everything a log line or an error report could be made of. */
function everyRendering(error: unknown): string[] {
  const e = error as Error;
  return [
    String(error),
    e.message,
    JSON.stringify(error),
    e.stack ?? '',
    inspect(error, { depth: 10, showHidden: true }),
  ];
}

beforeEach(async () => {
  fake = await startFakeStripe({ secretKey: ACCOUNT_KEY });
  ({ gatewayCustomerId: customer } = await gatewayWith(ACCOUNT_KEY).createCustomer(
    { customerId: 'c', email: 'c@example.com', name: 'C' },
    'c',
  ));
});
afterEach(() => fake.close());

describe('the Stripe secret key', () => {
  const paths: [string, () => Promise<unknown>, string][] = [
    [
      'refused key',
      () =>
        gatewayWith(WRONG_KEY).createCustomer({ customerId: 'x', email: 'x@example.com', name: 'X' }, 'k1'),
      WRONG_KEY,
    ],
    [
      'rate limited',
      () => (
        fake.failNext({ status: 429, type: 'rate_limit_error' }),
        gatewayWith(ACCOUNT_KEY).createSetupIntent({ gatewayCustomerId: customer }, 'k2')
      ),
      ACCOUNT_KEY,
    ],
    [
      'api error',
      () => (
        fake.failNext({ status: 500, type: 'api_error', message: `echo ${ACCOUNT_KEY}` }),
        gatewayWith(ACCOUNT_KEY).createSetupIntent({ gatewayCustomerId: customer }, 'k3')
      ),
      ACCOUNT_KEY,
    ],
    [
      'invalid request echoing a key',
      () => (
        fake.failNext({ status: 400, type: 'invalid_request_error', message: `Bad key ${ACCOUNT_KEY}` }),
        gatewayWith(ACCOUNT_KEY).createSetupIntent({ gatewayCustomerId: customer }, 'k4')
      ),
      ACCOUNT_KEY,
    ],
    [
      'missing object',
      () => gatewayWith(ACCOUNT_KEY).detachPaymentMethod({ gatewayRef: 'pm_nothing' }, 'k5'),
      ACCOUNT_KEY,
    ],
    [
      'card refused at attach',
      () =>
        gatewayWith(ACCOUNT_KEY).attachPaymentMethod(
          { gatewayCustomerId: customer, source: 'pm_card_visa_chargeDeclined' },
          'k6',
        ),
      ACCOUNT_KEY,
    ],
    [
      'idempotency conflict',
      () =>
        gatewayWith(ACCOUNT_KEY).createCustomer(
          { customerId: 'other', email: 'o@example.com', name: 'O' },
          'c',
        ),
      ACCOUNT_KEY,
    ],
    [
      'unreachable',
      async () =>
        gatewayWith(ACCOUNT_KEY, CLOSED_PORT).createSetupIntent({ gatewayCustomerId: customer }, 'k7'),
      ACCOUNT_KEY,
    ],
    [
      'refund of an unknown payment',
      () =>
        gatewayWith(ACCOUNT_KEY).refund(
          { chargeRef: 'pi_nothing', amount: money(1, 'USD'), reason: 'duplicate' },
          'k8',
        ),
      ACCOUNT_KEY,
    ],
  ];

  it.each(paths)('appears in no rendering of the error when %s', async (_name, call, key) => {
    const error: unknown = await call().then(
      () => new Error('expected a failure'),
      (thrown: unknown) => thrown,
    );
    expect((error as Error).name).toBe('GatewayError');
    for (const text of everyRendering(error)) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(key.slice(8));
    }
  });

  it('appears in no rendering of the gateway object itself', () => {
    const gateway = gatewayWith(ACCOUNT_KEY);
    expect(JSON.stringify(gateway)).not.toContain(ACCOUNT_KEY);
    expect(inspect(gateway, { depth: 10, showHidden: true })).not.toContain(ACCOUNT_KEY);
  });
});
