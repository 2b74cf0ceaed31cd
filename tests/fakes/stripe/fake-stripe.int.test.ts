import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from './index';

let fake: FakeStripe;
let base: string;
beforeEach(async () => {
  fake = await startFakeStripe();
  base = `http://${fake.host}:${fake.port}`;
});
afterEach(() => fake.close());

/** A raw request, as any HTTP client (not just the SDK) would send it. */
async function send(
  method: 'GET' | 'POST',
  path: string,
  options: { form?: string; key?: string | null; idempotencyKey?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const key = options.key === undefined ? fake.secretKey : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: method === 'POST' ? (options.form ?? '') : undefined,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown> & { error?: Record<string, unknown> },
  };
}

describe('the fake Stripe refuses what Stripe refuses', () => {
  it('a missing or wrong key, with a 401 in Stripe’s shape that masks the key', async () => {
    const missing = await send('GET', '/v1/customers/cus_1', { key: null });
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringContaining('did not provide an API key') as string,
    });
    const wrong = await send('GET', '/v1/customers/cus_1', { key: 'sk_test_notTheRightOne9876' });
    expect(wrong.body.error?.message).toBe('Invalid API Key provided: sk_test_****9876');
  });

  it('an unknown URL, and an unknown object', async () => {
    expect((await send('GET', '/v1/quotes/qt_1')).body.error).toMatchObject({
      message: 'Unrecognized request URL (GET: /v1/quotes/qt_1).',
    });
    const missing = await send('GET', '/v1/customers/cus_nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'id',
      message: "No such customer: 'cus_nope'",
    });
  });

  it('missing, unknown and malformed parameters', async () => {
    const noAmount = await send('POST', '/v1/payment_intents', {
      form: 'currency=usd',
      idempotencyKey: 'k1',
    });
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.error).toMatchObject({ code: 'parameter_missing', param: 'amount' });
    const typo = await send('POST', '/v1/payment_intents', {
      form: 'amount=100&currency=usd&payment_method_types[0]=card',
      idempotencyKey: 'k2',
    });
    expect(typo.body.error).toMatchObject({ code: 'parameter_unknown', param: 'payment_method_types' });
    const notANumber = await send('POST', '/v1/payment_intents', {
      form: 'amount=ten&currency=usd',
      idempotencyKey: 'k3',
    });
    expect(notANumber.body.error).toMatchObject({ code: 'parameter_invalid_integer', param: 'amount' });
  });

  it('a POST without an Idempotency-Key, before doing anything', async () => {
    const response = await send('POST', '/v1/customers', { form: 'email=a%40example.com' });
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toContain('Idempotency-Key');
    expect(fake.store.customers.size).toBe(0);
  });

  it('a write through the SDK that passes no key of its own (the SDK invents one)', async () => {
    const stripe = new Stripe(fake.secretKey, {
      host: fake.host,
      port: fake.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    await expect(stripe.customers.create({ email: 'a@example.com' })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      message: expect.stringContaining('made up by the Stripe SDK') as string,
    });
    await expect(
      stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'mine' }),
    ).resolves.toMatchObject({ object: 'customer' });
  });
});

describe('the fake Stripe’s idempotency', () => {
  it('replays the same request with the first answer, marked Idempotent-Replayed', async () => {
    const first = await send('POST', '/v1/customers', {
      form: 'email=a%40example.com&metadata[x]=1',
      idempotencyKey: 'same',
    });
    const again = await send('POST', '/v1/customers', {
      form: 'metadata[x]=1&email=a%40example.com',
      idempotencyKey: 'same',
    });
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('original-request')).toBe(first.headers.get('request-id'));
    expect(fake.store.customers.size).toBe(1);
    expect(fake.requests.map((r) => r.replayed)).toEqual([false, true]);
  });

  it('refuses the key with other parameters or on another endpoint', async () => {
    await send('POST', '/v1/customers', { form: 'email=a%40example.com', idempotencyKey: 'same' });
    const otherBody = await send('POST', '/v1/customers', {
      form: 'email=b%40example.com',
      idempotencyKey: 'same',
    });
    expect(otherBody.status).toBe(400);
    expect(otherBody.body.error).toMatchObject({ type: 'idempotency_error' });
    const otherPath = await send('POST', '/v1/setup_intents', { form: '', idempotencyKey: 'same' });
    expect(otherPath.body.error).toMatchObject({ type: 'idempotency_error' });
  });

  it('leaves a key unused by a request refused for its parameters', async () => {
    await send('POST', '/v1/customers', { form: 'email=not-an-email', idempotencyKey: 'retry-me' });
    const fixed = await send('POST', '/v1/customers', {
      form: 'email=a%40example.com',
      idempotencyKey: 'retry-me',
    });
    expect(fixed.status).toBe(200);
  });
});

describe('the fake Stripe’s money', () => {
  async function paidIntent(amount: number) {
    const customer = await send('POST', '/v1/customers', {
      form: 'email=a%40example.com',
      idempotencyKey: 'c',
    });
    const intent = await send('POST', '/v1/payment_intents', {
      form: `amount=${amount}&currency=EUR&customer=${String(customer.body.id)}&payment_method=pm_card_visa&confirm=true&off_session=true`,
      idempotencyKey: 'pi',
    });
    return intent.body;
  }

  it('pays with a test card, recording the charge in lowercase currency and minor units', async () => {
    const intent = await paidIntent(1999);
    expect(intent).toMatchObject({
      object: 'payment_intent',
      status: 'succeeded',
      amount: 1999,
      amount_received: 1999,
      currency: 'eur',
      livemode: false,
      latest_charge: expect.stringMatching(/^ch_/) as string,
    });
    expect(intent.created).toBeLessThan(Date.now() / 1000 + 1);
    expect(intent.created).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it('keeps refund bookkeeping per charge and refuses over-refunds in Stripe’s words', async () => {
    const intent = await paidIntent(2000);
    const refund = await send('POST', '/v1/refunds', {
      form: `payment_intent=${String(intent.id)}&amount=1500`,
      idempotencyKey: 'r1',
    });
    expect(refund.body).toMatchObject({
      object: 'refund',
      amount: 1500,
      currency: 'eur',
      status: 'succeeded',
      charge: intent.latest_charge,
    });
    const over = await send('POST', '/v1/refunds', {
      form: `payment_intent=${String(intent.id)}&amount=501`,
      idempotencyKey: 'r2',
    });
    expect(over.body.error).toMatchObject({
      type: 'invalid_request_error',
      param: 'amount',
      message: 'Refund amount (€5.01) is greater than unrefunded amount on charge (€5.00)',
    });
    await send('POST', '/v1/refunds', {
      form: `charge=${String(intent.latest_charge)}`,
      idempotencyKey: 'r3',
    });
    const again = await send('POST', '/v1/refunds', {
      form: `charge=${String(intent.latest_charge)}`,
      idempotencyKey: 'r4',
    });
    expect(again.body.error).toMatchObject({ code: 'charge_already_refunded' });
  });

  it('answers a declined confirmation with a 402 card_error naming the charge and the PaymentIntent', async () => {
    const customer = await send('POST', '/v1/customers', { form: '', idempotencyKey: 'c' });
    const declined = await send('POST', '/v1/payment_intents', {
      form: `amount=500&currency=usd&customer=${String(customer.body.id)}&payment_method=pm_card_visa_chargeDeclinedInsufficientFunds&confirm=true`,
      idempotencyKey: 'pi',
    });
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      charge: expect.stringMatching(/^ch_/) as string,
      payment_intent: {
        status: 'requires_payment_method',
        last_payment_error: { decline_code: 'insufficient_funds' },
      },
    });
  });
});

describe('the fake Stripe’s test switches', () => {
  it('fail the next request as asked, once, without saving it under its key', async () => {
    fake.failNext({ status: 429, type: 'rate_limit_error' });
    const limited = await send('POST', '/v1/customers', { form: '', idempotencyKey: 'k' });
    expect(limited.status).toBe(429);
    expect((await send('POST', '/v1/customers', { form: '', idempotencyKey: 'k' })).status).toBe(200);
  });

  it('record requests without the key that authorised them', async () => {
    await send('POST', '/v1/customers', { form: 'name=Ada&metadata[tier]=gold', idempotencyKey: 'k' });
    expect(fake.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v1/customers',
        form: { name: 'Ada', metadata: { tier: 'gold' } },
        status: 200,
        replayed: false,
      }),
    ]);
    expect(JSON.stringify(fake.requests)).not.toContain(fake.secretKey);
  });
});
