import { invalidRequest, resourceMissing } from '../errors';
import { Params } from '../form';
import type { Customer, FakeStripeStore } from '../store';
import type { Route } from './route';

export function findCustomer(store: FakeStripeStore, id: string, param: string): Customer {
  const customer = store.customers.get(id);
  if (!customer) throw resourceMissing('customer', id, param);
  return customer;
}

export const customerRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/customers',
    handle({ store, form }) {
      const params = new Params(form, ['email', 'name', 'description', 'metadata']);
      const email = params.string('email');
      if (email !== undefined && email !== '' && !/^[^@\s]+@[^@\s]+$/.test(email)) {
        throw invalidRequest(`Invalid email address: ${email}`, { code: 'email_invalid', param: 'email' });
      }
      const customer: Customer = {
        id: store.newId('cus'),
        object: 'customer',
        created: store.now(),
        livemode: false,
        email: email || null,
        name: params.string('name') ?? null,
        description: params.string('description') ?? null,
        metadata: params.metadata(),
      };
      store.customers.set(customer.id, customer);
      return customer;
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/:id',
    handle: ({ store, pathParams }) => findCustomer(store, pathParams.id ?? '', 'id'),
  },
];
