import { invalidRequest, resourceMissing } from '../errors';
import { previousValues } from '../events';
import { Params, type FormObject } from '../form';
import type { Customer, FakeStripeStore } from '../store';
import type { Route } from './route';
import { CUSTOMER_DEFAULTS } from '../stripe-defaults';

export function findCustomer(store: FakeStripeStore, id: string, param: string): Customer {
  const customer = store.customers.get(id);
  if (!customer) throw resourceMissing('customer', id, param);
  return customer;
}

function checkedEmail(params: Params): string | undefined {
  const email = params.string('email');
  if (email !== undefined && email !== '' && !/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw invalidRequest(`Invalid email address: ${email}`, { code: 'email_invalid', param: 'email' });
  }
  return email;
}

/** `invoice_settings[default_payment_method]`: undefined when absent, null when emptied. */
function defaultPaymentMethod(form: FormObject): string | null | undefined {
  const settings = form.invoice_settings;
  if (settings === undefined) return undefined;
  const value =
    typeof settings === 'object' && !Array.isArray(settings) ? settings.default_payment_method : settings;
  if (typeof value !== 'string') {
    throw invalidRequest('Invalid invoice_settings: only default_payment_method is supported', {
      param: 'invoice_settings',
    });
  }
  return value === '' ? null : value;
}

export const customerRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/customers',
    handle({ store, form }) {
      const params = new Params(form, ['email', 'name', 'description', 'metadata']);
      const email = checkedEmail(params);
      const customer: Customer = {
        ...CUSTOMER_DEFAULTS,
        id: store.newId('cus'),
        object: 'customer',
        created: store.now(),
        livemode: false,
        email: email || null,
        name: params.string('name') ?? null,
        description: params.string('description') ?? null,
        metadata: params.metadata(),
        invoice_settings: { default_payment_method: null },
      };
      store.customers.set(customer.id, customer);
      store.emitEvent('customer.created', customer);
      return customer;
    },
  },
  {
    method: 'POST',
    path: '/v1/customers/:id',
    handle({ store, form, pathParams }) {
      const params = new Params(form, ['email', 'name', 'description', 'metadata', 'invoice_settings']);
      const customer = findCustomer(store, pathParams.id ?? '', 'id');
      const email = checkedEmail(params);
      const change: Partial<Customer> = {};
      if (email !== undefined) change.email = email || null;
      for (const field of ['name', 'description'] as const) {
        const value = params.string(field);
        if (value !== undefined) change[field] = value || null;
      }
      if (params.has('metadata')) change.metadata = mergedMetadata(customer.metadata, params.metadata());
      const method = defaultPaymentMethod(form);
      if (method !== undefined) change.invoice_settings = { default_payment_method: method };
      const previous = previousValues(customer, change);
      Object.assign(customer, change);
      if (Object.keys(previous).length > 0) {
        store.emitEvent('customer.updated', customer, { previousAttributes: previous });
      }
      return customer;
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/:id',
    handle: ({ store, pathParams }) => findCustomer(store, pathParams.id ?? '', 'id'),
  },
];

/** Stripe merges updated metadata into the old; an empty value removes a key. */
export function mergedMetadata(
  current: Record<string, string>,
  update: Record<string, string>,
): Record<string, string> {
  const merged = { ...current, ...update };
  for (const [key, value] of Object.entries(update)) if (value === '') delete merged[key];
  return merged;
}
