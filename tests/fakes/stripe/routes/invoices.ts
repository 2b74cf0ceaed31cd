import type { Invoice } from '../billing-objects';
import { resourceMissing } from '../errors';
import { Params } from '../form';
import { listPage } from '../list';
import type { Route } from './route';

const STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const;

const subscriptionOf = (invoice: Invoice) => invoice.parent?.subscription_details.subscription ?? null;

export const invoiceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/invoices/:id',
    handle({ store, pathParams }) {
      const invoice = store.invoices.get(pathParams.id ?? '');
      if (!invoice) throw resourceMissing('invoice', pathParams.id ?? '', 'invoice');
      return invoice;
    },
  },
  {
    method: 'GET',
    path: '/v1/invoices',
    handle({ store, form }) {
      const params = new Params(form, [
        'limit',
        'starting_after',
        'ending_before',
        'created',
        'customer',
        'subscription',
        'status',
      ]);
      const customer = params.string('customer');
      const subscription = params.string('subscription');
      const status = params.oneOf('status', STATUSES);
      return listPage(store.invoices.values(), form, {
        url: '/v1/invoices',
        noun: 'invoice',
        matches: (invoice) =>
          (customer === undefined || invoice.customer === customer) &&
          (subscription === undefined || subscriptionOf(invoice) === subscription) &&
          (status === undefined || invoice.status === status),
      });
    },
  },
];
