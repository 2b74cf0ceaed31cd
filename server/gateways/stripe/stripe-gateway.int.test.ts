import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe, type RecordedRequest } from '../../../tests/fakes/stripe';
import { money } from '../../../shared/money';
import type { PaymentGateway } from '../types';
import { createStripeGateway } from './stripe-gateway';

let fake: FakeStripe;
let gateway: PaymentGateway;

beforeEach(async () => {
  fake = await startFakeStripe();
  gateway = createStripeGateway({
    secretKey: fake.secretKey,
    host: fake.host,
    port: fake.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
});
afterEach(() => fake.close());

/** The last request the fake received, checked for what every request must carry. */
function lastRequest(): RecordedRequest {
  const request = fake.requests.at(-1);
  if (!request) throw new Error('the fake received no request');
  expect(request.headers['stripe-version']).toBe(Stripe.API_VERSION);
  return request;
}

async function customerAndCard(source = 'pm_card_visa') {
  const { gatewayCustomerId } = await gateway.createCustomer(
    { customerId: 'cus_T1', email: 'ada@example.com', name: 'Ada' },
    'c-1',
  );
  const method = await gateway.attachPaymentMethod({ gatewayCustomerId, source }, 'pm-1');
  return { gatewayCustomerId, method };
}

const chargeInput = (gatewayCustomerId: string, paymentMethodRef: string) => ({
  gatewayCustomerId,
  paymentMethodRef,
  amount: money(2000, 'USD'),
  description: 'Invoice INV-0007',
  metadata: { tollgate_invoice_id: 'inv_7', attempt: '1' },
});

describe('StripeGateway requests', () => {
  it('creates a customer carrying the Tollgate id in metadata', async () => {
    const { gatewayCustomerId } = await gateway.createCustomer(
      { customerId: 'cus_T1', email: 'ada@example.com', name: 'Ada' },
      'c-1',
    );
    expect(gatewayCustomerId).toMatch(/^cus_/);
    expect(lastRequest()).toMatchObject({
      method: 'POST',
      path: '/v1/customers',
      form: { email: 'ada@example.com', name: 'Ada', metadata: { tollgate_customer_id: 'cus_T1' } },
      headers: { 'idempotency-key': 'c-1', 'content-type': 'application/x-www-form-urlencoded' },
      status: 200,
    });
    expect(lastRequest().headers).not.toHaveProperty('authorization');
  });

  it('creates an off-session card SetupIntent and returns its client secret', async () => {
    const { gatewayCustomerId } = await customerAndCard();
    const intent = await gateway.createSetupIntent({ gatewayCustomerId }, 'seti-1');
    expect(intent.gatewayRef).toMatch(/^seti_/);
    expect(intent.clientSecret.startsWith(`${intent.gatewayRef}_secret_`)).toBe(true);
    expect(lastRequest()).toMatchObject({
      method: 'POST',
      path: '/v1/setup_intents',
      form: { customer: gatewayCustomerId, usage: 'off_session', allowed_payment_method_types: ['card'] },
      headers: { 'idempotency-key': 'seti-1' },
    });
  });

  it('attaches a PaymentMethod and reports its card, under the new id Stripe gives it', async () => {
    const { gatewayCustomerId, method } = await customerAndCard('pm_card_mastercard');
    expect(method).toEqual({
      gatewayRef: expect.stringMatching(/^pm_/) as string,
      brand: 'mastercard',
      last4: '4444',
      expMonth: 12,
      expYear: expect.any(Number) as number,
    });
    expect(method.gatewayRef).not.toBe('pm_card_mastercard');
    expect(lastRequest()).toMatchObject({
      method: 'POST',
      path: '/v1/payment_methods/pm_card_mastercard/attach',
      form: { customer: gatewayCustomerId },
      headers: { 'idempotency-key': 'pm-1' },
    });
  });

  it('refuses a source that is not a PaymentMethod id without sending it or repeating it', async () => {
    const { gatewayCustomerId } = await customerAndCard();
    const before = fake.requests.length;
    const attempt = gateway.attachPaymentMethod(
      { gatewayCustomerId, source: '4242 4242 4242 4242' },
      'pm-raw',
    );
    await expect(attempt).rejects.toMatchObject({
      kind: 'invalid_request',
      message: expect.not.stringContaining('4242') as string,
    });
    expect(fake.requests.length).toBe(before);
  });

  it('detaches a PaymentMethod', async () => {
    const { method } = await customerAndCard();
    await gateway.detachPaymentMethod({ gatewayRef: method.gatewayRef }, 'detach-1');
    expect(lastRequest()).toMatchObject({
      method: 'POST',
      path: `/v1/payment_methods/${method.gatewayRef}/detach`,
      form: {},
      headers: { 'idempotency-key': 'detach-1' },
      status: 200,
    });
    expect(fake.store.paymentMethods.get(method.gatewayRef)?.customer).toBeNull();
  });

  it('charges with a PaymentIntent confirmed off-session, whose id is the payment ref', async () => {
    const { gatewayCustomerId, method } = await customerAndCard();
    const outcome = await gateway.charge(chargeInput(gatewayCustomerId, method.gatewayRef), 'pay-1');
    expect(outcome).toEqual({ status: 'succeeded', gatewayRef: expect.stringMatching(/^pi_/) as string });
    expect(lastRequest()).toMatchObject({
      method: 'POST',
      path: '/v1/payment_intents',
      form: {
        amount: '2000',
        currency: 'usd',
        customer: gatewayCustomerId,
        payment_method: method.gatewayRef,
        confirm: 'true',
        off_session: 'true',
        description: 'Invoice INV-0007',
        metadata: { tollgate_invoice_id: 'inv_7', attempt: '1' },
      },
      headers: { 'idempotency-key': 'pay-1' },
    });
    expect(fake.store.paymentIntents.get(outcome.gatewayRef ?? '')?.status).toBe('succeeded');
  });

  it('refunds by PaymentIntent after checking the currency it was paid in', async () => {
    const { gatewayCustomerId, method } = await customerAndCard();
    const { gatewayRef } = await gateway.charge(chargeInput(gatewayCustomerId, method.gatewayRef), 'pay-1');
    const refund = await gateway.refund(
      { chargeRef: gatewayRef ?? '', amount: money(500, 'USD'), reason: 'requested_by_customer' },
      'refund-1',
    );
    expect(refund).toEqual({ gatewayRef: expect.stringMatching(/^re_/) as string, status: 'succeeded' });
    const [check, create] = fake.requests.slice(-2);
    expect(check).toMatchObject({ method: 'GET', path: `/v1/payment_intents/${gatewayRef}` });
    expect(create).toMatchObject({
      method: 'POST',
      path: '/v1/refunds',
      form: { payment_intent: gatewayRef, amount: '500', reason: 'requested_by_customer' },
      headers: { 'idempotency-key': 'refund-1' },
    });
  });

  it('refunds by charge id too', async () => {
    const { gatewayCustomerId, method } = await customerAndCard();
    const { gatewayRef } = await gateway.charge(chargeInput(gatewayCustomerId, method.gatewayRef), 'pay-1');
    const chargeId = fake.store.paymentIntents.get(gatewayRef ?? '')?.latest_charge ?? '';
    await gateway.refund(
      { chargeRef: chargeId, amount: money(2000, 'USD'), reason: 'duplicate' },
      'refund-2',
    );
    expect(fake.requests.slice(-2).map((r) => [r.method, r.path, r.form])).toEqual([
      ['GET', `/v1/charges/${chargeId}`, {}],
      ['POST', '/v1/refunds', { charge: chargeId, amount: '2000', reason: 'duplicate' }],
    ]);
    expect(fake.store.charges.get(chargeId)?.refunded).toBe(true);
  });

  it('sends the API version it was configured with', async () => {
    const pinned = createStripeGateway({
      secretKey: fake.secretKey,
      host: fake.host,
      port: fake.port,
      protocol: 'http',
      apiVersion: '2025-03-31.basil',
    });
    await pinned.createCustomer({ customerId: 'cus_T2', email: 'b@example.com', name: 'B' }, 'c-2');
    expect(fake.requests.at(-1)?.headers['stripe-version']).toBe('2025-03-31.basil');
  });
});

describe('StripeGateway idempotency', () => {
  it('gets the replayed answer for a repeated charge, and Stripe charges once', async () => {
    const { gatewayCustomerId, method } = await customerAndCard();
    const first = await gateway.charge(chargeInput(gatewayCustomerId, method.gatewayRef), 'pay-1');
    const again = await gateway.charge(chargeInput(gatewayCustomerId, method.gatewayRef), 'pay-1');
    expect(again).toEqual(first);
    expect(lastRequest()).toMatchObject({ replayed: true, headers: { 'idempotency-key': 'pay-1' } });
    expect(fake.store.paymentIntents.size).toBe(1);
  });

  it('replays a decline too, rather than trying the card again', async () => {
    const { gatewayCustomerId, method } = await customerAndCard('pm_card_chargeCustomerFail');
    const first = await gateway.charge(chargeInput(gatewayCustomerId, method.gatewayRef), 'pay-1');
    expect(await gateway.charge(chargeInput(gatewayCustomerId, method.gatewayRef), 'pay-1')).toEqual(first);
    expect(fake.store.charges.size).toBe(1);
  });

  it('survives an answer lost on the way back: the SDK resends with our key and gets the replay', async () => {
    const { gatewayCustomerId, method } = await customerAndCard();
    fake.failNext({ dropConnection: 'after_processing' });
    const outcome = await gateway.charge(chargeInput(gatewayCustomerId, method.gatewayRef), 'pay-lost');
    expect(outcome.status).toBe('succeeded');
    const attempts = fake.requests.filter((r) => r.path === '/v1/payment_intents');
    expect(attempts.map((r) => [r.headers['idempotency-key'], r.status, r.replayed])).toEqual([
      ['pay-lost', null, false],
      ['pay-lost', 200, true],
    ]);
    expect(fake.store.paymentIntents.size).toBe(1);
  });

  it('refuses an empty key instead of letting the SDK invent one', async () => {
    const { gatewayCustomerId, method } = await customerAndCard();
    const before = fake.requests.length;
    await expect(gateway.charge(chargeInput(gatewayCustomerId, method.gatewayRef), '')).rejects.toMatchObject(
      { kind: 'invalid_request' },
    );
    expect(fake.requests.length).toBe(before);
  });
});
