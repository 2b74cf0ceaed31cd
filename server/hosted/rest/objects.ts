import { z } from 'zod';
import { INVOICE_STATUSES, PAYMENT_STATUSES } from '../../../shared/billing/schema';
import { SUBSCRIPTION_STATUSES } from '../../../shared/billing/subscription-machine';
import { FEATURE_KINDS } from '../../../shared/catalog/types';
import { CUSTOMER_STATUSES } from '../../../shared/customers/schema';

/**
 * The objects the REST API answers with, as their schemas (the OpenAPI document's
 * components) and the functions that present the procedures' results as them. Each field
 * is chosen here, so nothing internal (gateway references, idempotency keys, notes for
 * staff) leaves by accident. Names are snake_case and references name the object
 * (`customer: "cus_…"`), as Stripe's API does; times are UTC epoch milliseconds; money is
 * integer minor units beside an ISO 4217 currency.
 */

const time = z.int().meta({ description: 'UTC epoch milliseconds' });
const optionalTime = time.nullable();
const money = z.int().meta({ description: 'Integer minor units (cents) of `currency`' });
const currency = z.string().meta({ description: 'ISO 4217 code, lower or upper case as stored' });

export const customerObject = z
  .object({
    object: z.literal('customer'),
    id: z.string(),
    name: z.string(),
    email: z.string(),
    country: z.string().meta({ description: 'ISO 3166 alpha-2' }),
    company: z.string().nullable(),
    status: z.enum(CUSTOMER_STATUSES),
    version: z.int().meta({ description: 'Goes up by one with each change' }),
    created_at: time,
    updated_at: time,
  })
  .meta({ id: 'Customer' });

export function toCustomer(c: {
  id: string;
  name: string;
  email: string;
  country: string;
  company: string | null;
  status: (typeof CUSTOMER_STATUSES)[number];
  version: number;
  createdAt: number;
  updatedAt: number;
}): z.output<typeof customerObject> {
  return {
    object: 'customer',
    id: c.id,
    name: c.name,
    email: c.email,
    country: c.country,
    company: c.company,
    status: c.status,
    version: c.version,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export const subscriptionObject = z
  .object({
    object: z.literal('subscription'),
    id: z.string(),
    customer: z.string(),
    plan: z.string(),
    price: z.string(),
    quantity: z.int(),
    currency,
    status: z.enum(SUBSCRIPTION_STATUSES),
    current_period_start: time,
    current_period_end: time,
    trial_start: optionalTime,
    trial_end: optionalTime,
    cancel_at_period_end: z.boolean(),
    canceled_at: optionalTime,
    ended_at: optionalTime,
    pending_price: z.string().nullable().meta({ description: 'A change that starts at period end' }),
    pending_quantity: z.int().nullable(),
    managed_by: z.enum(['tollgate', 'stripe']),
    latest_invoice: z.string().nullable().meta({ description: 'The newest invoice’s id' }),
    version: z.int(),
    created_at: time,
  })
  .meta({ id: 'Subscription' });

export function toSubscription(
  s: {
    id: string;
    customerId: string;
    planId: string;
    priceId: string;
    quantity: number;
    currency: string;
    status: (typeof SUBSCRIPTION_STATUSES)[number];
    currentPeriodStart: number;
    currentPeriodEnd: number;
    trialStart: number | null;
    trialEnd: number | null;
    cancelAtPeriodEnd: boolean;
    canceledAt: number | null;
    endedAt: number | null;
    pendingPriceId: string | null;
    pendingQuantity: number | null;
    managedBy: 'tollgate' | 'stripe';
    version: number;
    createdAt: number;
  },
  latestInvoice: string | null,
): z.output<typeof subscriptionObject> {
  return {
    object: 'subscription',
    id: s.id,
    customer: s.customerId,
    plan: s.planId,
    price: s.priceId,
    quantity: s.quantity,
    currency: s.currency,
    status: s.status,
    current_period_start: s.currentPeriodStart,
    current_period_end: s.currentPeriodEnd,
    trial_start: s.trialStart,
    trial_end: s.trialEnd,
    cancel_at_period_end: s.cancelAtPeriodEnd,
    canceled_at: s.canceledAt,
    ended_at: s.endedAt,
    pending_price: s.pendingPriceId,
    pending_quantity: s.pendingQuantity,
    managed_by: s.managedBy,
    latest_invoice: latestInvoice,
    version: s.version,
    created_at: s.createdAt,
  };
}

/** A subscription as lists show it: what the list reads in one query, plan named. */
export const subscriptionListItem = z
  .object({
    object: z.literal('subscription'),
    id: z.string(),
    customer: z.string(),
    plan_name: z.string(),
    quantity: z.int(),
    amount: money.meta({ description: 'Price × quantity per interval, minor units' }),
    currency,
    interval: z.string(),
    status: z.enum(SUBSCRIPTION_STATUSES),
    current_period_end: time,
    trial_end: optionalTime,
    cancel_at_period_end: z.boolean(),
    managed_by: z.enum(['tollgate', 'stripe']),
    created_at: time,
  })
  .meta({ id: 'SubscriptionListItem' });

export function toSubscriptionListItem(s: {
  id: string;
  customerId: string;
  planName: string;
  quantity: number;
  amount: number;
  currency: string;
  interval: string;
  status: (typeof SUBSCRIPTION_STATUSES)[number];
  currentPeriodEnd: number;
  trialEnd: number | null;
  cancelAtPeriodEnd: boolean;
  managedBy: 'tollgate' | 'stripe';
  createdAt: number;
}): z.output<typeof subscriptionListItem> {
  return {
    object: 'subscription',
    id: s.id,
    customer: s.customerId,
    plan_name: s.planName,
    quantity: s.quantity,
    amount: s.amount,
    currency: s.currency,
    interval: s.interval,
    status: s.status,
    current_period_end: s.currentPeriodEnd,
    trial_end: s.trialEnd,
    cancel_at_period_end: s.cancelAtPeriodEnd,
    managed_by: s.managedBy,
    created_at: s.createdAt,
  };
}

const invoiceCore = {
  object: z.literal('invoice'),
  id: z.string(),
  number: z.string().nullable(),
  status: z.enum(INVOICE_STATUSES),
  customer: z.string(),
  subscription: z.string().nullable(),
  currency,
  total: money,
  amount_due: money,
  amount_paid: money,
  amount_refunded: money,
  period_start: optionalTime,
  period_end: optionalTime,
  created_at: time,
};

export const invoiceListItem = z.object(invoiceCore).meta({ id: 'InvoiceListItem' });

export const invoiceLineObject = z
  .object({
    kind: z.enum(['plan', 'proration', 'one_off', 'credit']),
    description: z.string(),
    price: z.string().nullable(),
    quantity: z.int(),
    unit_amount: money,
    amount: money,
    period_start: optionalTime,
    period_end: optionalTime,
  })
  .meta({ id: 'InvoiceLine' });

export const invoiceObject = z
  .object({
    ...invoiceCore,
    subtotal: money,
    credit_applied: money,
    finalized_at: optionalTime,
    paid_at: optionalTime,
    lines: z.array(invoiceLineObject),
  })
  .meta({ id: 'Invoice' });

interface InvoiceCoreIn {
  id: string;
  number: string | null;
  status: (typeof INVOICE_STATUSES)[number];
  customerId: string;
  subscriptionId: string | null;
  currency: string;
  total: number;
  amountDue: number;
  amountPaid: number;
  amountRefunded: number;
  periodStart: number | null;
  periodEnd: number | null;
  createdAt: number;
}

export function toInvoiceListItem(i: InvoiceCoreIn): z.output<typeof invoiceListItem> {
  return {
    object: 'invoice',
    id: i.id,
    number: i.number,
    status: i.status,
    customer: i.customerId,
    subscription: i.subscriptionId,
    currency: i.currency,
    total: i.total,
    amount_due: i.amountDue,
    amount_paid: i.amountPaid,
    amount_refunded: i.amountRefunded,
    period_start: i.periodStart,
    period_end: i.periodEnd,
    created_at: i.createdAt,
  };
}

export function toInvoice(
  i: InvoiceCoreIn & {
    subtotal: number;
    creditApplied: number;
    finalizedAt: number | null;
    paidAt: number | null;
  },
  lines: readonly {
    kind: 'plan' | 'proration' | 'one_off' | 'credit';
    description: string;
    priceId: string | null;
    quantity: number;
    unitAmount: number;
    amount: number;
    periodStart: number | null;
    periodEnd: number | null;
  }[],
): z.output<typeof invoiceObject> {
  return {
    ...toInvoiceListItem(i),
    subtotal: i.subtotal,
    credit_applied: i.creditApplied,
    finalized_at: i.finalizedAt,
    paid_at: i.paidAt,
    lines: lines.map((l) => ({
      kind: l.kind,
      description: l.description,
      price: l.priceId,
      quantity: l.quantity,
      unit_amount: l.unitAmount,
      amount: l.amount,
      period_start: l.periodStart,
      period_end: l.periodEnd,
    })),
  };
}

export const paymentObject = z
  .object({
    object: z.literal('payment'),
    id: z.string(),
    status: z.enum(PAYMENT_STATUSES),
    amount: money,
    amount_refunded: money,
    currency,
    customer: z.string(),
    invoice: z.string(),
    failure_code: z.string().nullable(),
    failure_message: z.string().nullable(),
    attempt_number: z.int(),
    created_at: time,
  })
  .meta({ id: 'Payment' });

export function toPayment(p: {
  id: string;
  status: (typeof PAYMENT_STATUSES)[number];
  amount: number;
  amountRefunded: number;
  currency: string;
  customerId: string;
  invoiceId: string;
  failureCode: string | null;
  failureMessage: string | null;
  attemptNumber: number;
  createdAt: number;
}): z.output<typeof paymentObject> {
  return {
    object: 'payment',
    id: p.id,
    status: p.status,
    amount: p.amount,
    amount_refunded: p.amountRefunded,
    currency: p.currency,
    customer: p.customerId,
    invoice: p.invoiceId,
    failure_code: p.failureCode,
    failure_message: p.failureMessage,
    attempt_number: p.attemptNumber,
    created_at: p.createdAt,
  };
}

export const entitlementCheckObject = z
  .object({
    object: z.literal('entitlement_check'),
    customer: z.string(),
    feature: z.string(),
    kind: z.enum(FEATURE_KINDS),
    allowed: z.boolean(),
    limit: z.int().nullable().meta({ description: 'The cap; null for unlimited (or a flag that is on)' }),
    reason: z.string().meta({ description: 'One sentence saying where the answer comes from' }),
  })
  .meta({ id: 'EntitlementCheck' });
