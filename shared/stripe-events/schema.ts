import { z } from 'zod';
import { pageInput } from '../page';

/** Inputs of the webhook-inbox procedures, shared by the server and the console. Times are epoch ms. */

export const STRIPE_EVENT_STATUSES = ['pending', 'processed', 'ignored', 'stale', 'failed', 'dead'] as const;
export type StripeEventStatus = (typeof STRIPE_EVENT_STATUSES)[number];

/** Statuses staff may send back to the processor: the ones that did not apply. */
export const REPLAYABLE_STATUSES: readonly StripeEventStatus[] = ['failed', 'dead'];

export const stripeEventId = z
  .string({ error: 'Event id must be text' })
  .regex(/^evt_[A-Za-z0-9]{1,250}$/, { error: 'Event id must look like evt_…' });

const time = (label: string) =>
  z
    .number({ error: `${label} must be a time` })
    .int({ error: `${label} must be a whole number of milliseconds` })
    .nonnegative({ error: `${label} must not be negative` });

export const stripeEventListInput = z
  .strictObject({
    status: z.enum(STRIPE_EVENT_STATUSES, { error: 'Status is not one this list knows' }).nullish(),
    /** An exact Stripe event type, e.g. customer.subscription.updated. */
    type: z
      .string({ error: 'Type must be text' })
      .trim()
      .regex(/^[a-z_]+(\.[a-z_]+)*$/, { error: 'Type must look like customer.subscription.updated' })
      .max(100, { error: 'Type must be at most 100 characters' })
      .nullish(),
    /** Received at or after. */
    from: time('From').nullish(),
    /** Received before. */
    to: time('To').nullish(),
    ...pageInput({ max: 500, default: 100 }),
  })
  .refine((input) => input.from == null || input.to == null || input.from < input.to, {
    error: 'From must be before To',
    path: ['to'],
  });
export type StripeEventListInput = z.input<typeof stripeEventListInput>;

/**
 * A Stripe webhook signing secret as the Dashboard shows it. Checked only for shape: whether
 * it is the right one shows when the first signed delivery arrives.
 */
export const webhookSecretInput = z.strictObject({
  secret: z
    .string({ error: 'Signing secret must be text' })
    .trim()
    .regex(/^whsec_[A-Za-z0-9+/=]{16,200}$/, {
      error: 'Signing secret must be the whsec_… value from the Stripe Dashboard',
    }),
});

/** The event types Tollgate acts on; any other type is stored and marked ignored. */
export const HANDLED_STRIPE_EVENT_TYPES = [
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.updated',
  'invoice.payment_succeeded',
  'invoice.payment_failed',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_method.attached',
  'payment_method.detached',
  'setup_intent.succeeded',
  'charge.refunded',
  'charge.dispute.created',
] as const;
