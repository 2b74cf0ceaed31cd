import type { SubscriptionStatus } from '../../../shared/billing/subscription-machine';
import type { BillingInterval } from '../../../shared/billing/periods';

/** A subscription as procedures return it; times are UTC epoch ms, money minor units. */
export interface Subscription {
  id: string;
  customerId: string;
  planId: string;
  priceId: string;
  quantity: number;
  currency: string;
  status: SubscriptionStatus;
  billingAnchor: number;
  currentPeriodStart: number;
  currentPeriodEnd: number;
  trialStart: number | null;
  trialEnd: number | null;
  trialEndBehavior: 'cancel' | 'incomplete';
  cancelAtPeriodEnd: boolean;
  canceledAt: number | null;
  endedAt: number | null;
  pausedAt: number | null;
  resumeAt: number | null;
  pendingPriceId: string | null;
  pendingQuantity: number | null;
  paymentMethodId: string | null;
  managedBy: 'tollgate' | 'stripe';
  version: number;
  createdAt: number;
  updatedAt: number;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';
export type BillingReason = 'subscription_create' | 'subscription_cycle' | 'subscription_update' | 'manual';
export type InvoiceLineKind = 'plan' | 'proration' | 'one_off' | 'credit';

export interface InvoiceLine {
  id: string;
  position: number;
  kind: InvoiceLineKind;
  description: string;
  priceId: string | null;
  quantity: number;
  unitAmount: number;
  amount: number;
  periodStart: number | null;
  periodEnd: number | null;
}

export interface Invoice {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  number: string | null;
  status: InvoiceStatus;
  billingReason: BillingReason;
  currency: string;
  subtotal: number;
  creditApplied: number;
  total: number;
  amountDue: number;
  amountPaid: number;
  amountRefunded: number;
  periodStart: number | null;
  periodEnd: number | null;
  attemptCount: number;
  nextAttemptAt: number | null;
  finalizedAt: number | null;
  paidAt: number | null;
  voidedAt: number | null;
  uncollectibleAt: number | null;
  /** 'stripe': issued and collected by Stripe Billing and mirrored here; staff act on it in Stripe. */
  managedBy: 'tollgate' | 'stripe';
  createdAt: number;
  updatedAt: number;
}

export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'requires_action';

export interface Payment {
  id: string;
  customerId: string;
  invoiceId: string;
  paymentMethodId: string | null;
  amount: number;
  currency: string;
  status: PaymentStatus;
  idempotencyKey: string;
  gateway: string;
  gatewayRef: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  amountRefunded: number;
  attemptNumber: number;
  createdAt: number;
  updatedAt: number;
}

export interface Refund {
  id: string;
  paymentId: string;
  invoiceId: string;
  customerId: string;
  amount: number;
  currency: string;
  reason: 'duplicate' | 'fraudulent' | 'requested_by_customer';
  status: 'pending' | 'succeeded' | 'failed';
  idempotencyKey: string;
  gatewayRef: string | null;
  failureMessage: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface PaymentMethod {
  id: string;
  customerId: string;
  gateway: 'sandbox' | 'stripe';
  gatewayRef: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  status: 'active' | 'detached';
  isDefault: boolean;
  createdAt: number;
}

/** The price a subscription bills, with what the service needs to know about its plan. */
export interface BillablePrice {
  id: string;
  planId: string;
  planName: string;
  amount: number;
  currency: string;
  interval: BillingInterval;
  trialDays: number;
}
