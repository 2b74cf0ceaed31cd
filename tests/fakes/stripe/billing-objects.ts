import type Stripe from 'stripe';

/**
 * Stripe Billing objects in the fake account, in the shapes of API version 2026-10-28:
 * billing periods live on subscription items; an invoice names its subscription under
 * `parent.subscription_details` and a line its price under `pricing.price_details`.
 */

export interface Product {
  id: string;
  object: 'product';
  created: number;
  updated: number;
  livemode: false;
  active: boolean;
  name: string;
  description: string | null;
  metadata: Record<string, string>;
}

export type RecurringInterval = 'day' | 'week' | 'month' | 'year';

export interface Price {
  id: string;
  object: 'price';
  created: number;
  livemode: false;
  active: boolean;
  currency: string;
  unit_amount: number;
  /** The same amount as a decimal string, as Stripe sends it. */
  unit_amount_decimal: string;
  product: string;
  nickname: string | null;
  type: 'recurring';
  recurring: { interval: RecurringInterval; interval_count: number; usage_type: 'licensed' };
  metadata: Record<string, string>;
}

export interface SubscriptionItem {
  id: string;
  object: 'subscription_item';
  created: number;
  price: Price;
  /** The legacy Plan view of `price`, which Stripe still sends on every item. */
  plan: Stripe.Plan;
  quantity: number;
  subscription: string;
  current_period_start: number;
  current_period_end: number;
  metadata: Record<string, string>;
}

export type SubscriptionStatus =
  'incomplete' | 'incomplete_expired' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid' | 'paused';

export interface Subscription {
  id: string;
  object: 'subscription';
  created: number;
  livemode: false;
  customer: string;
  currency: string;
  status: SubscriptionStatus;
  items: { object: 'list'; data: SubscriptionItem[]; has_more: false; url: string };
  billing_cycle_anchor: number;
  start_date: number;
  cancel_at: number | null;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  ended_at: number | null;
  trial_start: number | null;
  trial_end: number | null;
  pause_collection: {
    behavior: 'keep_as_draft' | 'mark_uncollectible' | 'void';
    resumes_at: number | null;
  } | null;
  collection_method: 'charge_automatically';
  default_payment_method: string | null;
  latest_invoice: string | null;
  metadata: Record<string, string>;
}

export interface InvoiceLine {
  id: string;
  object: 'line_item';
  amount: number;
  currency: string;
  description: string | null;
  invoice: string;
  quantity: number;
  period: { start: number; end: number };
  pricing: {
    type: 'price_details';
    price_details: { price: string; product: string };
    unit_amount_decimal: string;
  };
  parent: {
    type: 'subscription_item_details';
    subscription_item_details: {
      subscription: string;
      subscription_item: string;
      proration: boolean;
      invoice_item: null;
      proration_details: null;
    };
    invoice_item_details: null;
  };
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

export interface Invoice {
  id: string;
  object: 'invoice';
  created: number;
  livemode: false;
  customer: string;
  customer_email: string | null;
  customer_name: string | null;
  currency: string;
  status: InvoiceStatus;
  number: string | null;
  billing_reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update' | 'manual';
  collection_method: 'charge_automatically';
  subtotal: number;
  subtotal_excluding_tax: number;
  total: number;
  total_excluding_tax: number;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  attempted: boolean;
  next_payment_attempt: number | null;
  period_start: number;
  period_end: number;
  lines: { object: 'list'; data: InvoiceLine[]; has_more: false; url: string };
  parent: { type: 'subscription_details'; subscription_details: { subscription: string } } | null;
  status_transitions: {
    finalized_at: number | null;
    paid_at: number | null;
    voided_at: number | null;
    marked_uncollectible_at: number | null;
  };
  metadata: Record<string, string>;
}
