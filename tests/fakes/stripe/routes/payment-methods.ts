import { docUrl, FakeStripeError, invalidRequest, resourceMissing } from '../errors';
import { Params } from '../form';
import type { FakeStripeStore, PaymentMethod } from '../store';
import {
  TEST_PAYMENT_METHODS,
  type Decline,
  type TestCard,
  type TestCardBehaviour,
} from '../test-payment-methods';
import { findCustomer } from './customers';
import type { Route } from './route';
import { PAYMENT_METHOD_DEFAULTS } from '../stripe-defaults';

export function cardError(decline: Decline, extra: { charge?: string; payment_intent?: object } = {}) {
  return new FakeStripeError(402, {
    type: 'card_error',
    ...decline,
    doc_url: docUrl(decline.code),
    ...extra,
  });
}

/** A test id such as pm_card_visa makes a fresh PaymentMethod each time it is used, as on Stripe. */
function createFromTestCard(store: FakeStripeStore, test: TestCard): PaymentMethod {
  const method: PaymentMethod = {
    ...PAYMENT_METHOD_DEFAULTS,
    id: store.newId('pm'),
    object: 'payment_method',
    created: store.now(),
    livemode: false,
    type: 'card',
    customer: null,
    metadata: {},
    card: {
      brand: test.brand,
      last4: test.last4,
      exp_month: 12,
      exp_year: new Date().getUTCFullYear() + 3,
      funding: 'credit',
      country: 'US',
    },
  };
  store.paymentMethods.set(method.id, method);
  store.behaviours.set(method.id, test.behaviour);
  return method;
}

function findPaymentMethod(store: FakeStripeStore, id: string, param: string): PaymentMethod {
  const method = store.paymentMethods.get(id);
  if (!method) throw resourceMissing('PaymentMethod', id, param);
  return method;
}

function refuseIfDetached(store: FakeStripeStore, id: string): void {
  if (store.detached.has(id)) {
    throw invalidRequest(`The PaymentMethod ${id} was detached from a Customer and may not be used again.`, {
      param: 'payment_method',
    });
  }
}

/** The PaymentMethod a PaymentIntent names, checked against its customer, with what it does when charged. */
export function paymentMethodForCharge(
  store: FakeStripeStore,
  id: string,
  customerId: string | undefined,
): { method: PaymentMethod; behaviour: TestCardBehaviour } {
  const test = TEST_PAYMENT_METHODS[id];
  const method = test ? createFromTestCard(store, test) : findPaymentMethod(store, id, 'payment_method');
  refuseIfDetached(store, method.id);
  if (method.customer !== null && method.customer !== customerId) {
    throw invalidRequest(
      `The PaymentMethod ${id} belongs to customer ${method.customer}; pass that customer to use it.`,
      { param: 'payment_method' },
    );
  }
  return { method, behaviour: store.behaviours.get(method.id) ?? { kind: 'succeeds' } };
}

/** Attaches a PaymentMethod (or a fresh one from a test id) to a customer, as attach and SetupIntent confirmation do. */
export function attachPaymentMethod(store: FakeStripeStore, id: string, customerId: string): PaymentMethod {
  const test = TEST_PAYMENT_METHODS[id];
  if (test?.behaviour.kind === 'declines' && test.behaviour.refusedAtAttach) {
    throw cardError(test.behaviour.decline);
  }
  const method = test ? createFromTestCard(store, test) : findPaymentMethod(store, id, 'payment_method');
  refuseIfDetached(store, method.id);
  if (method.customer !== null && method.customer !== customerId) {
    throw invalidRequest('The payment method you provided has already been attached to a customer.', {
      param: 'payment_method',
    });
  }
  if (method.customer === null) {
    method.customer = customerId;
    store.emitEvent('payment_method.attached', method);
  }
  return method;
}

export const paymentMethodRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/payment_methods/:id/attach',
    handle({ store, form, pathParams }) {
      const params = new Params(form, ['customer']);
      const customer = findCustomer(store, params.requiredString('customer'), 'customer');
      return attachPaymentMethod(store, pathParams.id ?? '', customer.id);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_methods/:id/detach',
    handle({ store, form, pathParams }) {
      new Params(form, []);
      const method = findPaymentMethod(store, pathParams.id ?? '', 'payment_method');
      if (method.customer === null) {
        throw invalidRequest(
          'The payment method you provided is not attached to a customer so detachment is impossible.',
          { param: 'payment_method' },
        );
      }
      const previous = { customer: method.customer };
      method.customer = null;
      store.detached.add(method.id);
      store.emitEvent('payment_method.detached', method, { previousAttributes: previous });
      return method;
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_methods/:id',
    handle: ({ store, pathParams }) => findPaymentMethod(store, pathParams.id ?? '', 'payment_method'),
  },
];
