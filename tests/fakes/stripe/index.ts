/**
 * A Stripe-compatible HTTP fake for tests: the real `stripe` SDK talks to it through its
 * `host`, `port` and `protocol` options. It speaks Stripe's wire format, checks each
 * request the way Stripe does (auth, routes, parameters, idempotency), and records them.
 */
export { DEFAULT_FAKE_SECRET_KEY, startFakeStripe } from './server';
export type { FakeStripe, InjectedFailure, RecordedRequest } from './server';
export type { FormObject, FormValue } from './form';
export { TEST_PAYMENT_METHODS } from './test-payment-methods';
export { renewSubscription } from './billing';
export type { StripeEvent } from './events';
export type * as FakeBilling from './billing-objects';
