import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../types';
import { failureCodeFor, gatewayErrorFrom, withoutKeys } from './stripe-errors';

// Built from parts so no live-looking key stands in the source for secret scanners to flag.
const KEY = ['sk', 'live', 'configuredKey0123456789'].join('_');

describe('failure codes from Stripe declines', () => {
  it('prefer the decline code, fall back to the error code, and call anything else a decline', () => {
    expect(failureCodeFor('card_declined', 'insufficient_funds')).toBe('insufficient_funds');
    expect(failureCodeFor('card_declined', 'lost_card')).toBe('lost_card');
    expect(failureCodeFor('card_declined', 'stolen_card')).toBe('stolen_card');
    expect(failureCodeFor('card_declined', 'fraudulent')).toBe('fraudulent');
    expect(failureCodeFor('card_declined', 'generic_decline')).toBe('card_declined');
    expect(failureCodeFor('card_declined', 'do_not_honor')).toBe('card_declined');
    expect(failureCodeFor('expired_card', undefined)).toBe('expired_card');
    expect(failureCodeFor('incorrect_cvc', 'incorrect_cvc')).toBe('incorrect_cvc');
    expect(failureCodeFor('processing_error', undefined)).toBe('processing_error');
    expect(failureCodeFor('authentication_required', 'authentication_required')).toBe(
      'authentication_required',
    );
    expect(failureCodeFor('incorrect_number', undefined)).toBe('card_declined');
    expect(failureCodeFor(undefined, undefined)).toBe('card_declined');
  });
});

describe('Stripe text', () => {
  it('loses the configured key and anything shaped like a Stripe key', () => {
    expect(withoutKeys(`Invalid API Key provided: ${KEY}`, KEY)).toBe('Invalid API Key provided: [redacted]');
    expect(withoutKeys('Invalid API Key provided: sk_test_****abcd', KEY)).toBe(
      'Invalid API Key provided: [redacted key]',
    );
    expect(withoutKeys(`restricted ${['rk', 'live', '51Hxyz'].join('_')} has no access`, KEY)).toBe(
      'restricted [redacted key] has no access',
    );
    expect(withoutKeys("No such customer: 'cus_123'", KEY)).toBe("No such customer: 'cus_123'");
  });
});

describe('GatewayErrors from Stripe SDK errors', () => {
  const translate = (error: unknown) => gatewayErrorFrom(error, KEY) as GatewayError;

  it('keep nothing of the SDK error but a safe message', () => {
    const raw = new Stripe.errors.StripeInvalidRequestError({
      message: `Bad ${KEY}`,
      param: 'customer',
      statusCode: 400,
    });
    const translated = translate(raw);
    expect(translated).toBeInstanceOf(GatewayError);
    expect(translated.message).toBe('Stripe refused the request (parameter "customer"): Bad [redacted]');
    expect(translated.cause).toBeUndefined();
    expect(Object.keys(translated).sort()).toEqual(['failureCode', 'kind', 'name', 'retryable']);
  });

  it('classify each kind of failure', () => {
    const { errors } = Stripe;
    expect(
      translate(new errors.StripeCardError({ code: 'card_declined', decline_code: 'generic_decline' })),
    ).toMatchObject({ kind: 'card', failureCode: 'card_declined', retryable: false });
    expect(translate(new errors.StripeRateLimitError({}))).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
    });
    expect(translate(new errors.StripeAPIError({}))).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(translate(new errors.StripeConnectionError({}))).toMatchObject({
      kind: 'unavailable',
      retryable: true,
    });
    expect(
      translate(new errors.StripeAuthenticationError({ message: `Invalid API Key provided: ${KEY}` })),
    ).toMatchObject({ kind: 'authentication', retryable: false });
    expect(translate(new errors.StripePermissionError({}))).toMatchObject({
      kind: 'authentication',
      retryable: false,
    });
    expect(translate(new errors.StripeIdempotencyError({}))).toMatchObject({
      kind: 'idempotency',
      retryable: false,
    });
    expect(translate(new errors.StripeInvalidRequestError({ message: 'nope' }))).toMatchObject({
      kind: 'invalid_request',
      retryable: false,
    });
    expect(translate(new errors.StripeError({ statusCode: 418 }))).toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('418') as string,
    });
  });

  it('pass errors that are not Stripe’s through unchanged, since those are bugs to see', () => {
    const bug = new TypeError('x is undefined');
    expect(gatewayErrorFrom(bug, KEY)).toBe(bug);
  });
});
