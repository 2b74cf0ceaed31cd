import { Params } from '../form';
import type { SetupIntent } from '../store';
import { findCustomer } from './customers';
import type { Route } from './route';

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
        id,
        object: 'setup_intent',
        created: store.now(),
        livemode: false,
        client_secret: `${id}_secret_${store.newId('x').slice(2)}`,
        customer: customerId ?? null,
        usage: params.oneOf('usage', ['on_session', 'off_session'] as const) ?? 'off_session',
        allowed_payment_method_types: allowed ?? null,
        payment_method_types: allowed ?? ['card'],
        status: 'requires_payment_method',
      };
      store.setupIntents.set(id, intent);
      return intent;
    },
  },
];
