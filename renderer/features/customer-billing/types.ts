import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>;

/** Everything billing knows about one customer, as `billing.customer` returns it. */
export type CustomerBilling = Outputs['billing']['customer'];
export type BillingSubscription = CustomerBilling['subscriptions'][number];
export type SavedCard = CustomerBilling['paymentMethods'][number];
export type BalanceEntry = CustomerBilling['balanceLog'][number];
export type InvoiceRow = CustomerBilling['invoices'][number];
export type PaymentRow = CustomerBilling['payments'][number];
export type RefundRow = CustomerBilling['refunds'][number];

/** What `subscriptions.create` answers: the subscription, its first invoice and how charging it went. */
export type SubscriptionStart = Outputs['subscriptions']['create'];

/** What `subscriptions.create` takes. */
export type SubscriptionCreateInput = inferRouterInputs<AppRouter>['subscriptions']['create'];
