import { z } from 'zod';
import { isPriceCurrency } from '../catalog/currencies';
import { MAX_AMOUNT } from '../money';
import { REFUND_REASON_VALUES } from './refund-reasons';
import { INVOICE_STATUSES } from './invoice-status';
import { INVOICE_REFUND_FILTERS } from './refund-state';
import { SUBSCRIPTION_STATUSES } from './subscription-machine';
import { pageInput } from '../page';

export { INVOICE_STATUSES };

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

/** Seats of a subscription, units of an invoice line: one cap for both. */
export const MAX_QUANTITY = 100_000;
/** Lines of one manual invoice. */
export const MAX_INVOICE_LINES = 200;
/**
 * Latest time an input may name (the last millisecond of year 9999): every date stays one a
 * calendar shows, and ids, which carry 48 bits of milliseconds, can still be made at it.
 */
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const AMOUNT_CEILING = `${MAX_AMOUNT.toLocaleString('en-US')} in the currency’s smallest unit (999,999.99 dollars or euros), Stripe’s limit for one amount`;

const quantity = z
  .number({ error: 'Quantity must be a number' })
  .int({ error: 'Quantity must be a whole number' })
  .min(1, { error: 'Quantity must be at least 1' })
  .max(MAX_QUANTITY, { error: `Quantity must be at most ${MAX_QUANTITY.toLocaleString('en-US')}` });
const version = z.number().int().positive();
/** An amount in minor units, between −MAX_AMOUNT and MAX_AMOUNT: no product or sum of a few can leave 2^53. */
const minorUnits = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .int({ error: `${label} must be a whole number of cents` })
    .min(-MAX_AMOUNT, { error: `${label} must be at least −${AMOUNT_CEILING}` })
    .max(MAX_AMOUNT, { error: `${label} must be at most ${AMOUNT_CEILING}` });
/** A moment as UTC epoch milliseconds, from 1970 to the end of year 9999. */
const time = (label: string) =>
  z
    .number({ error: `${label} must be a time` })
    .int({ error: `${label} must be a whole number of milliseconds` })
    .positive({ error: `${label} must be after 1970` })
    .max(MAX_TIME, { error: `${label} must be before the year 10000` });

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
  resumeAt: time('Resume date').nullish(),
});

export const subscriptionListInput = z.strictObject({
  status: z.enum(SUBSCRIPTION_STATUSES).nullish(),
  planId: planId.nullish(),
  customerId: customerRef.nullish(),
  /** Only those Tollgate bills, or only those mirrored from Stripe Billing. */
  managedBy: z.enum(['tollgate', 'stripe']).nullish(),
  search: z.string().trim().max(200).default(''),
  ...pageInput({ max: 1000, default: 100 }),
});

export const invoiceListInput = z
  .strictObject({
    status: z.enum(INVOICE_STATUSES).nullish(),
    /** Only invoices with refunds: any, part of what was paid, or all of it (`invoiceDisplayStatus`). */
    refund: z
      .enum(INVOICE_REFUND_FILTERS, { error: 'Refund must be any, partially_refunded or refunded' })
      .nullish(),
    /** Issued at or after this moment. */
    issuedFrom: time('Issued from').nullish(),
    /** Issued before this moment (the start of the day after the last one wanted). */
    issuedTo: time('Issued to').nullish(),
    customerId: customerRef.nullish(),
    subscriptionId: subscriptionId.nullish(),
    /** An invoice number (INV-000123) or part of a customer's name or email. */
    search: z.string().trim().max(200).default(''),
    ...pageInput({ max: 1000, default: 100 }),
  })
  .refine((i) => i.issuedFrom == null || i.issuedTo == null || i.issuedFrom < i.issuedTo, {
    path: ['issuedTo'],
    error: 'Issued to must be after issued from',
  });

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'requires_action'] as const;

export const paymentListInput = z
  .strictObject({
    status: z.enum(PAYMENT_STATUSES).nullish(),
    customerId: customerRef.nullish(),
    /** Created at or after this moment. */
    createdFrom: time('Created from').nullish(),
    /** Created before this moment (the start of the day or month after the last one wanted). */
    createdTo: time('Created to').nullish(),
    search: z.string().trim().max(200).default(''),
    ...pageInput({ max: 1000, default: 100 }),
  })
  .refine((i) => i.createdFrom == null || i.createdTo == null || i.createdFrom < i.createdTo, {
    path: ['createdTo'],
    error: 'Created to must be after created from',
  });

export const refundInput = z.strictObject({
  paymentId,
  /** Omitted: whatever is still refundable. */
  amount: minorUnits('Amount').positive({ error: 'Amount must be more than zero' }).optional(),
  reason: z.enum(REFUND_REASON_VALUES, {
    error: 'Reason must be duplicate, fraudulent or requested_by_customer',
  }),
});

/**
 * One line of a manual invoice. A negative unit price makes a credit line (a discount): it
 * can only reduce what the same invoice charges (see manualInvoiceInput).
 */
export const oneOffLine = z
  .strictObject({
    description: z
      .string({ error: 'Description must be text' })
      .trim()
      .min(1, { error: 'Describe the item' })
      .max(500, { error: 'Description must be at most 500 characters' }),
    quantity: quantity.default(1),
    unitAmount: minorUnits('Unit price'),
  })
  .refine((line) => Math.abs(line.unitAmount * line.quantity) <= MAX_AMOUNT, {
    path: ['unitAmount'],
    error: `Unit price × quantity must be at most ${AMOUNT_CEILING}`,
  });

/** A manual invoice's total: the sum of its lines (each line is unit price × quantity). */
export function manualInvoiceTotal(lines: readonly { unitAmount: number; quantity: number }[]): number {
  return lines.reduce((total, line) => total + line.unitAmount * line.quantity, 0);
}

/** A manual invoice's refusal when its credits outweigh its charges. */
export const NEGATIVE_TOTAL_MESSAGE =
  'Credits cannot be more than the charges: the total must not be negative';

/**
 * A manual invoice's lines, Stripe's way: credit lines never more than the charges (a
 * negative total would hand the customer money through their balance), and the total
 * within what one payment can collect.
 */
export const manualInvoiceLines = z
  .array(oneOffLine, { error: 'Lines must be a list' })
  .min(1, { error: 'Add at least one line' })
  .max(MAX_INVOICE_LINES, { error: `An invoice can have at most ${MAX_INVOICE_LINES} lines` })
  .refine((lines) => manualInvoiceTotal(lines) >= 0, { error: NEGATIVE_TOTAL_MESSAGE })
  .refine((lines) => manualInvoiceTotal(lines) <= MAX_AMOUNT, {
    error: `The total must be at most ${AMOUNT_CEILING}`,
  });

/** A one-off invoice for one customer, in one currency. */
export const manualInvoiceInput = z.strictObject({
  customerId: customerRef,
  currency: z
    .string({ error: 'Currency must be text' })
    .trim()
    .toUpperCase()
    .refine((code) => /^[A-Z]{3}$/.test(code) && isPriceCurrency(code), {
      error: 'Currency must be an ISO 4217 code like USD or EUR',
    }),
  lines: manualInvoiceLines,
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
  startAt: time('Start time').optional(),
});

export const testClockAdvanceInput = z.strictObject({ id: testClockId, to: time('Time to advance to') });
export const testClockAttachInput = z.strictObject({ id: testClockId, customerId: customerRef });
