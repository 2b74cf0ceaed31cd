import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import { openDatabase, type AppDatabase } from '../../db/connection';
import { ManualClock } from '../../lib/clock';
import { FAILURE_MESSAGES } from '../failure-messages';
import { gatewayErrorOf } from '../gateways.test-kit';
import type { PaymentFailureCode, PaymentGateway } from '../types';
import { createSandboxGateway } from './sandbox-gateway';

let database: AppDatabase;
let gateway: PaymentGateway;
let customer: string;
let keys = 0;
const key = () => `key-${++keys}`;

beforeEach(async () => {
  database = openDatabase({ path: ':memory:' });
  gateway = createSandboxGateway({
    db: database.db,
    tenantId: 'ten_A',
    clock: new ManualClock(Date.UTC(2026, 4, 1)),
  });
  ({ gatewayCustomerId: customer } = await gateway.createCustomer(
    { customerId: 'cus_1', email: 'ada@example.com', name: 'Ada' },
    key(),
  ));
});
afterEach(() => database.close());

const attach = (source: string) =>
  gateway.attachPaymentMethod({ gatewayCustomerId: customer, source }, key());
const charge = (paymentMethodRef: string, amount = 2000) =>
  gateway.charge(
    {
      gatewayCustomerId: customer,
      paymentMethodRef,
      amount: money(amount, 'USD'),
      description: 'Invoice 1',
      metadata: {},
    },
    key(),
  );

describe('sandbox customers and setup intents', () => {
  it('hand out sandbox refs, and a client secret tied to the setup intent', async () => {
    expect(customer).toMatch(/^cus_sbx_[0-9a-f]+$/);
    const intent = await gateway.createSetupIntent({ gatewayCustomerId: customer }, key());
    expect(intent.gatewayRef).toMatch(/^seti_sbx_[0-9a-f]+$/);
    expect(intent.clientSecret).toMatch(new RegExp(`^${intent.gatewayRef}_secret_[0-9a-f]+$`));
  });

  it('refuse a customer ref that did not come from the sandbox', async () => {
    const error = await gatewayErrorOf(gateway.createSetupIntent({ gatewayCustomerId: 'cus_123' }, key()));
    expect(error).toMatchObject({ kind: 'invalid_request', retryable: false });
    expect(error.message).toContain('cus_123');
  });
});

describe('attaching sandbox cards', () => {
  it('saves 4242 as a Visa with its last four digits and an expiry in December three years on', async () => {
    const method = await attach('4242 4242 4242 4242');
    expect(method).toMatchObject({ brand: 'visa', last4: '4242', expMonth: 12, expYear: 2029 });
    expect(method.gatewayRef).toMatch(/^pm_sbx_ok_visa_4242_122029_[0-9a-f]+$/);
  });

  it('recognises Mastercard and Amex test cards', async () => {
    expect(await attach('5555 5555 5555 4444')).toMatchObject({ brand: 'mastercard', last4: '4444' });
    expect(await attach('3782 822463 10005')).toMatchObject({ brand: 'amex', last4: '0005' });
  });

  it('refuses 4000 0000 0000 0002 as declined while saving it', async () => {
    const error = await gatewayErrorOf(attach('4000 0000 0000 0002'));
    expect(error).toMatchObject({ kind: 'card', failureCode: 'card_declined', retryable: false });
    expect(error.message).toBe(FAILURE_MESSAGES.card_declined);
  });

  it('refuses a number that fails the Luhn check without repeating it', async () => {
    const error = await gatewayErrorOf(attach('4242 4242 4242 4241'));
    expect(error).toMatchObject({ kind: 'card', message: 'The card number is not valid', retryable: false });
    expect(error.failureCode).toBeUndefined();
    expect(`${String(error)} ${JSON.stringify(error)} ${error.stack}`).not.toMatch(/4242\s?4242/);
  });

  it('refuses text that is not a card number at all', async () => {
    expect(await gatewayErrorOf(attach('not a card'))).toMatchObject({ kind: 'card' });
  });
});

describe('charging sandbox cards off-session', () => {
  it('succeeds with 4242, Mastercard, Amex and any other Luhn-valid number', async () => {
    for (const number of ['4242424242424242', '5555555555554444', '378282246310005', '4012888888881881']) {
      const { gatewayRef } = await attach(number);
      const outcome = await charge(gatewayRef);
      expect(outcome.status, number).toBe('succeeded');
      expect(outcome.gatewayRef).toMatch(/^ch_sbx_[0-9a-f]+$/);
    }
  });

  const declines: [string, PaymentFailureCode][] = [
    ['4000 0000 0000 9995', 'insufficient_funds'],
    ['4000 0000 0000 0341', 'card_declined'],
    ['4000 0000 0000 0069', 'expired_card'],
    ['4000 0000 0000 0127', 'incorrect_cvc'],
    ['4000 0000 0000 0119', 'processing_error'],
    ['4000 0000 0000 9979', 'stolen_card'],
    ['4000 0000 0000 9987', 'lost_card'],
    ['4100 0000 0000 0019', 'fraudulent'],
  ];
  it.each(declines)('%s attaches, then every charge fails with %s', async (number, failureCode) => {
    const { gatewayRef } = await attach(number);
    for (let attempt = 0; attempt < 2; attempt++) {
      const outcome = await charge(gatewayRef);
      expect(outcome).toEqual({
        status: 'failed',
        gatewayRef: expect.stringMatching(/^ch_sbx_/) as string,
        failureCode,
        failureMessage: FAILURE_MESSAGES[failureCode],
      });
    }
  });

  it('asks for authentication when charging 4000 0027 6000 3184 off-session', async () => {
    const { gatewayRef } = await attach('4000 0027 6000 3184');
    expect(await charge(gatewayRef)).toEqual({
      status: 'requires_action',
      gatewayRef: expect.stringMatching(/^ch_sbx_/) as string,
      failureCode: 'authentication_required',
      failureMessage: FAILURE_MESSAGES.authentication_required,
    });
  });

  it('records every attempt, declined or not, in sandbox_charges', async () => {
    await charge((await attach('4242424242424242')).gatewayRef, 1500);
    await charge((await attach('4000000000009995')).gatewayRef, 700);
    const rows = await database.db.selectFrom('sandbox_charges').selectAll().orderBy('amount').execute();
    expect(rows.map((r) => [r.tenant_id, r.amount, r.currency, r.status, r.amount_refunded])).toEqual([
      ['ten_A', 700, 'USD', 'failed', 0],
      ['ten_A', 1500, 'USD', 'succeeded', 0],
    ]);
  });

  it('refuses a payment method ref it did not make, and a zero amount', async () => {
    expect(await gatewayErrorOf(charge('pm_card_visa'))).toMatchObject({ kind: 'invalid_request' });
    const { gatewayRef } = await attach('4242424242424242');
    expect(await gatewayErrorOf(charge(gatewayRef, 0))).toMatchObject({ kind: 'invalid_request' });
  });

  it('detaches a saved card it made, and refuses one it did not', async () => {
    const { gatewayRef } = await attach('4242424242424242');
    await expect(gateway.detachPaymentMethod({ gatewayRef }, key())).resolves.toBeUndefined();
    expect(await gatewayErrorOf(gateway.detachPaymentMethod({ gatewayRef: 'pm_123' }, key()))).toMatchObject({
      kind: 'invalid_request',
    });
  });
});
