/** Stripe's error object, as it appears under `error` in a response body. */
export interface StripeErrorBody {
  type: 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error' | (string & {});
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  advice_code?: string;
  charge?: string;
  payment_intent?: object;
}

/** A request the fake refuses, answered as `{ error: body }` with `status`. */
export class FakeStripeError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

export function invalidRequest(
  message: string,
  details: { code?: string; param?: string } = {},
): FakeStripeError {
  return new FakeStripeError(400, { type: 'invalid_request_error', message, ...details });
}

/** 404 for an id that names nothing, as Stripe words it ("No such customer: 'cus_x'"). */
export function resourceMissing(noun: string, id: string, param: string): FakeStripeError {
  return new FakeStripeError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: `No such ${noun}: '${id}'`,
    doc_url: 'https://docs.stripe.com/error-codes/resource-missing',
  });
}

export function docUrl(code: string): string {
  return `https://docs.stripe.com/error-codes/${code.replace(/_/g, '-')}`;
}
