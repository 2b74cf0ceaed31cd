import Stripe from 'stripe';
import { FAILURE_MESSAGES } from '../failure-messages';
import { GatewayError, PAYMENT_FAILURE_CODES, type PaymentFailureCode } from '../types';

/**
 * Turning what the Stripe SDK throws into Tollgate's terms: a GatewayError whose message
 * is safe to show (declines while charging become outcomes instead, in stripe-outcomes). Nothing from the SDK's error object is kept (no `cause`):
 * it carries response headers and raw bodies that nobody needs in a log.
 */

/** Removes anything shaped like a Stripe key, and the configured key itself, from Stripe's text. */
export function withoutKeys(text: string, secretKey: string): string {
  return text
    .split(secretKey)
    .join('[redacted]')
    .replace(/\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9*]+/g, '[redacted key]');
}

function isFailureCode(value: string | undefined): value is PaymentFailureCode {
  return PAYMENT_FAILURE_CODES.some((code) => code === value);
}

/**
 * Our failure code for Stripe's (code, decline_code): the decline code is the more
 * specific (card_declined + insufficient_funds), and Stripe's many other reasons
 * (do_not_honor, pickup_card, …) are all, for Tollgate, a declined card.
 */
export function failureCodeFor(
  code: string | undefined,
  declineCode: string | undefined,
): PaymentFailureCode {
  if (isFailureCode(declineCode)) return declineCode;
  if (isFailureCode(code)) return code;
  return 'card_declined';
}

/** What a Stripe SDK error means for Tollgate. Errors that are not Stripe's (our own bugs) pass through unchanged. */
export function gatewayErrorFrom(error: unknown, secretKey: string): unknown {
  if (error instanceof GatewayError || !(error instanceof Stripe.errors.StripeError)) return error;
  const { errors } = Stripe;
  if (error instanceof errors.StripeCardError) {
    const failureCode = failureCodeFor(error.code, error.decline_code);
    return new GatewayError('card', FAILURE_MESSAGES[failureCode], false, failureCode);
  }
  if (error instanceof errors.StripeRateLimitError) {
    return new GatewayError('rate_limited', 'Stripe is limiting the request rate; try again shortly', true);
  }
  if (error instanceof errors.StripeAuthenticationError) {
    return new GatewayError(
      'authentication',
      'Stripe refused the configured secret key (STRIPE_SECRET_KEY): check that it is current and belongs to this account',
      false,
    );
  }
  if (error instanceof errors.StripePermissionError) {
    return new GatewayError(
      'authentication',
      'The configured Stripe key may not make this request: a restricted key needs more permissions',
      false,
    );
  }
  if (error instanceof errors.StripeIdempotencyError) {
    return new GatewayError(
      'idempotency',
      'Stripe refused the idempotency key: it was already used for a request with different parameters',
      false,
    );
  }
  if (error instanceof errors.StripeInvalidRequestError) {
    const param = error.param ? ` (parameter "${error.param}")` : '';
    return new GatewayError(
      'invalid_request',
      `Stripe refused the request${param}: ${withoutKeys(error.message, secretKey)}`,
      false,
    );
  }
  if (error instanceof errors.StripeConnectionError) {
    return new GatewayError(
      'unavailable',
      'Could not reach Stripe (the connection failed or timed out); try again later',
      true,
    );
  }
  if (error instanceof errors.StripeAPIError) {
    return new GatewayError('unavailable', 'Stripe had an internal error; try again later', true);
  }
  return new GatewayError(
    'unavailable',
    `Stripe answered with an unexpected error (HTTP ${error.statusCode ?? 'unknown'})`,
    true,
  );
}
