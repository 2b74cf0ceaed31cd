import { z } from 'zod';
import { REFUND_REASON_VALUES } from './refund-reasons';
import { SUBSCRIPTION_STATUSES } from './subscription-machine';

/**
 * Inputs of the billing procedures, shared by the server and the console's forms.
 * Money is integer minor units; times are UTC epoch milliseconds.
 */

const id = (prefix: string, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .regex(new RegExp(`^${prefix}_[0-9A-Z]{26}$`), { error: `${label} must look like ${prefix}_…` });

export const subscriptionId = id('sub', 'Subscription id');
export const invoiceId = id('inv', 'Invoice id');
export const paymentId = id('pay', 'Payment id');
export const paymentMethodId = id('pm', 'Payment method id');
export const priceId = id('pri', 'Price id');
export const planId = id('pln', 'Plan id');
export const customerRef = id('cus', 'Customer id');
export const testClockId = id('clk', 'Test clock id');

const quantity = z
  .number({ error: 'Quantity must be a number' })
  .int({ error: 'Quantity must be a whole number' })
  .min(1, { error: 'Quantity must be at least 1' })
  .max(100_000, { error: 'Quantity must be at most 100,000' });
const version = z.number().int().positive();
const minorUnits = (label: string) =>
  z.number({ error: `${label} must be a number` }).int({ error: `${label} must be a whole number of cents` });

export const subscriptionCreateInput = z.strictObject({
  customerId: customerRef,
  priceId,
  quantity: quantity.default(1),
  /** Days of free trial; omitted means the price's own trial, 0 means none. */
  trialDays: z
    .number()
    .int()
    .min(0, { error: 'Trial days cannot be negative' })
    .max(730, { error: 'Trial days must be at most 730' })
    .optional(),
  /** Without it, the customer's default payment method is used. */
  paymentMethodId: paymentMethodId.optional(),
  /** What happens when a trial ends with no payment method. */
  trialEndBehavior: z.enum(['cancel', 'incomplete']).default('cancel'),
});

export const CHANGE_TIMINGS = ['now', 'period_end'] as const;

export const planChangeInput = z.strictObject({
  id: subscriptionId,
  priceId,
  quantity,
  /** Omitted: upgrades now, downgrades at period end. */
  timing: z.enum(CHANGE_TIMINGS).optional(),
});
export const planChangeApplyInput = planChangeInput.extend({ expectedVersion: version });

export const cancelInput = z.strictObject({
  id: subscriptionId,
  when: z.enum(['now', 'period_end']),
  /** Only for "now": credit the unused time of the paid period to the customer's balance. */
  prorate: z.boolean().default(false),
});

export const pauseInput = z.strictObject({
  id: subscriptionId,
  /** Resume automatically then; omitted means until someone resumes it. */
  resumeAt: z.number().int().positive().nullish(),
});

export const subscriptionListInput = z.strictObject({
  status: z.enum(SUBSCRIPTION_STATUSES).nullish(),
  planId: planId.nullish(),
  customerId: customerRef.nullish(),
  /** Only those Tollgate bills, or only those mirrored from Stripe Billing. */
  managedBy: z.enum(['tollgate', 'stripe']).nullish(),
  search: z.string().trim().max(200).default(''),
  cursor: z.string().max(1000).nullish(),
  limit: z.number().int().min(1).max(1000).default(100),
});

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;

export const invoiceListInput = z.strictObject({
  status: z.enum(INVOICE_STATUSES).nullish(),
  customerId: customerRef.nullish(),
  subscriptionId: subscriptionId.nullish(),
  /** An invoice number (INV-000123) or part of a customer's name or email. */
  search: z.string().trim().max(200).default(''),
  cursor: z.string().max(1000).nullish(),
  limit: z.number().int().min(1).max(1000).default(100),
});

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'requires_action'] as const;

export const paymentListInput = z.strictObject({
  status: z.enum(PAYMENT_STATUSES).nullish(),
  customerId: customerRef.nullish(),
  search: z.string().trim().max(200).default(''),
  cursor: z.string().max(1000).nullish(),
  limit: z.number().int().min(1).max(1000).default(100),
});

export const refundInput = z.strictObject({
  paymentId,
  /** Omitted: whatever is still refundable. */
  amount: minorUnits('Amount').positive({ error: 'Amount must be more than zero' }).optional(),
  reason: z.enum(REFUND_REASON_VALUES, {
    error: 'Reason must be duplicate, fraudulent or requested_by_customer',
  }),
});

export const oneOffLine = z.strictObject({
  description: z.string().trim().min(1, { error: 'Describe the item' }).max(500),
  quantity: quantity.default(1),
  unitAmount: minorUnits('Unit amount'),
});

export const manualInvoiceInput = z.strictObject({
  customerId: customerRef,
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, { error: 'Currency must be an ISO code like USD' }),
  lines: z.array(oneOffLine).min(1, { error: 'Add at least one line' }).max(200),
});

export const addPaymentMethodInput = z.strictObject({
  customerId: customerRef,
  /** A test card number in sandbox mode; a Stripe PaymentMethod id (pm_…) with Stripe. */
  source: z.string().trim().min(1, { error: 'Enter a card' }).max(200),
  makeDefault: z.boolean().default(false),
});

export const testClockCreateInput = z.strictObject({
  name: z.string().trim().min(1, { error: 'Name the clock' }).max(100),
  /** Where the clock starts; omitted means now. */
  startAt: z.number().int().positive().optional(),
});

export const testClockAdvanceInput = z.strictObject({ id: testClockId, to: z.number().int().positive() });
export const testClockAttachInput = z.strictObject({ id: testClockId, customerId: customerRef });
