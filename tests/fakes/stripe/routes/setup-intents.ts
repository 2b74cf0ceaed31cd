import { FakeStripeError, invalidRequest, resourceMissing } from '../errors';
import { Params } from '../form';
import type { FakeStripeStore, SetupIntent } from '../store';
import { findCustomer } from './customers';
import { attachPaymentMethod, paymentMethodForCharge } from './payment-methods';
import type { Route } from './route';
import { SETUP_INTENT_DEFAULTS } from '../stripe-defaults';

function findSetupIntent(store: FakeStripeStore, id: string): SetupIntent {
  const intent = store.setupIntents.get(id);
  if (!intent) throw resourceMissing('setup_intent', id, 'intent');
  return intent;
}

/**
 * Confirmation with a card (what Stripe.js does in the customer's browser): the card is
 * attached to the intent's customer and the intent succeeds; a card refused at attach
 * leaves the intent waiting for another, with the error on it.
 */
function confirmSetupIntent(
  store: FakeStripeStore,
  intent: SetupIntent,
  paymentMethodId: string,
): SetupIntent {
  if (intent.status === 'succeeded') {
    throw invalidRequest(`You cannot confirm this SetupIntent because it has already succeeded.`, {
      code: 'setup_intent_unexpected_state',
    });
  }
  try {
    const method = intent.customer
      ? attachPaymentMethod(store, paymentMethodId, intent.customer)
      : paymentMethodForCharge(store, paymentMethodId, undefined).method;
    intent.payment_method = method.id;
    intent.status = 'succeeded';
    intent.last_setup_error = null;
    store.emitEvent('setup_intent.succeeded', intent);
    return intent;
  } catch (error) {
    if (error instanceof FakeStripeError && error.status === 402) {
      intent.last_setup_error = error.body;
      store.emitEvent('setup_intent.setup_failed', intent);
    }
    throw error;
  }
}

export const setupIntentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/setup_intents',
    handle({ store, form }) {
      const params = new Params(form, [
        'customer',
        'usage',
        'allowed_payment_method_types',
        'description',
        'metadata',
      ]);
      const customerId = params.string('customer');
      if (customerId !== undefined) findCustomer(store, customerId, 'customer');
      // API versions since 2026 name the list allowed_payment_method_types (payment_method_types is refused).
      const allowed = params.stringArray('allowed_payment_method_types');
      const id = store.newId('seti');
      const intent: SetupIntent = {
        ...SETUP_INTENT_DEFAULTS,
        id,
        object: 'setup_intent',
        created: store.now(),
        livemode: false,
        client_secret: `${id}_secret_${store.newId('x').slice(2)}`,
        customer: customerId ?? null,
        usage: params.oneOf('usage', ['on_session', 'off_session'] as const) ?? 'off_session',
        allowed_payment_method_types: allowed ?? null,
        payment_method_types: allowed ?? ['card'],
        payment_method: null,
        last_setup_error: null,
        status: 'requires_payment_method',
      };
      store.setupIntents.set(id, intent);
      store.emitEvent('setup_intent.created', intent);
      return intent;
    },
  },
  {
    method: 'POST',
    path: '/v1/setup_intents/:id/confirm',
    handle({ store, form, pathParams }) {
      const params = new Params(form, ['payment_method']);
      const intent = findSetupIntent(store, pathParams.id ?? '');
      return confirmSetupIntent(store, intent, params.requiredString('payment_method'));
    },
  },
  {
    method: 'GET',
    path: '/v1/setup_intents/:id',
    handle: ({ store, pathParams }) => findSetupIntent(store, pathParams.id ?? ''),
  },
];
