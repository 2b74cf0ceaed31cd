import { z } from 'zod';
import { MAX_GRACE_DAYS } from './recovery-schedule';
import { customerRef, invoiceId } from './schema';
import { pageInput } from '../page';

/**
 * Failed-payment recovery (dunning): the tenant's policy and the inputs of the recovery
 * procedures, shared by the server and the console's forms so both apply the same rules.
 */

export const FINAL_ACTIONS = ['cancel', 'unpaid'] as const;
export type FinalAction = (typeof FINAL_ACTIONS)[number];

/**
 * Where an invoice's recovery stands. waiting_for_card: a hard decline, or no retry left
 * before the grace period ends; only a new card (or staff) can save it now.
 */
export const RECOVERY_STATUSES = [
  'retrying',
  'waiting_for_card',
  'paused',
  'recovered',
  'final_action_taken',
  'closed_by_staff',
] as const;
export type RecoveryStatus = (typeof RECOVERY_STATUSES)[number];

/** Recoveries still under way: an invoice in recovery is in one of these. */
export const OPEN_RECOVERY_STATUSES: readonly RecoveryStatus[] = ['retrying', 'waiting_for_card', 'paused'];

export const recoveryPolicyInput = z.strictObject({
  /** Wait before the first retry, in hours; each later wait is the previous times the factor. */
  retryBaseHours: z
    .number({ error: 'Base retry interval must be a number of hours' })
    .int({ error: 'Base retry interval must be a whole number of hours' })
    .min(1, { error: 'Base retry interval must be at least 1 hour' })
    .max(720, { error: 'Base retry interval must be at most 720 hours (30 days)' }),
  backoffFactor: z
    .number({ error: 'Backoff factor must be a number' })
    .min(1, { error: 'Backoff factor must be at least 1 (1 retries at even intervals)' })
    .max(10, { error: 'Backoff factor must be at most 10' })
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, {
      error: 'Backoff factor may have at most two decimals',
    }),
  /** Charge attempts of an invoice in all, the first one included. */
  maxAttempts: z
    .number({ error: 'Maximum attempts must be a number' })
    .int({ error: 'Maximum attempts must be a whole number' })
    .min(1, { error: 'Maximum attempts must be at least 1 (the first charge)' })
    .max(10, { error: 'Maximum attempts must be at most 10' }),
  /** How long a past-due customer keeps access after the first failure, in days. */
  graceDays: z
    .number({ error: 'Grace period must be a number of days' })
    .int({ error: 'Grace period must be a whole number of days' })
    .min(0, { error: 'Grace period cannot be negative' })
    .max(MAX_GRACE_DAYS, { error: `Grace period must be at most ${MAX_GRACE_DAYS} days` }),
  finalAction: z.enum(FINAL_ACTIONS, { error: 'Final action must be cancel or unpaid' }),
});
export type RecoveryPolicy = z.output<typeof recoveryPolicyInput>;

/** A tenant that has not chosen: retry after 1, 2 and 4 days, keep access 14 days, then cancel. */
export const DEFAULT_RECOVERY_POLICY: RecoveryPolicy = {
  retryBaseHours: 24,
  backoffFactor: 2,
  maxAttempts: 4,
  graceDays: 14,
  finalAction: 'cancel',
};

export const recoveryInvoiceInput = z.strictObject({ invoiceId });
export const recoveryCustomerInput = z.strictObject({ customerId: customerRef });

export const recoveryListInput = z.strictObject({
  /** One status, or null for every recovery still under way. */
  status: z
    .enum(RECOVERY_STATUSES, { error: `Status must be one of ${RECOVERY_STATUSES.join(', ')}` })
    .nullish(),
  customerId: customerRef.nullish(),
  /** Only recoveries of invoices in this currency (the Recovery page's currency switch). */
  currency: z
    .string({ error: 'Currency must be text' })
    .regex(/^[A-Z]{3}$/, { error: 'Currency must be a three-letter code, like EUR' })
    .nullish(),
  ...pageInput({ max: 500, default: 100 }),
});

export const recoveryStatsInput = z.strictObject({
  /** Months (of first failure) to report, newest last, counted back from the current one. */
  months: z
    .number({ error: 'Months must be a number' })
    .int({ error: 'Months must be a whole number' })
    .min(1, { error: 'Months must be at least 1' })
    .max(36, { error: 'Months must be at most 36' })
    .default(12),
});
