import type { Transaction } from 'kysely';
import { DAY_MS } from '../../../../shared/billing/periods';
import type { DB } from '../../../db/schema';
import { cancelPendingJobs, scheduleJob } from '../../../jobs/store';
import type { Subscription } from '../types';

/** Job kinds billing runs; handlers live in ../jobs.ts. */
export const BILLING_JOBS = {
  periodEnd: 'subscription.period_end',
  trialWillEnd: 'subscription.trial_will_end',
  expireIncomplete: 'subscription.expire_incomplete',
  resume: 'subscription.resume',
  reconcilePayment: 'payment.reconcile',
} as const;

/** Stripe lets a first invoice stay unpaid this long before the subscription lapses. */
export const INCOMPLETE_EXPIRY_MS = 23 * 3_600_000;
export const TRIAL_WARNING_DAYS = 3;

const prefix = (subscriptionId: string) => `sub:${subscriptionId}:`;

interface Where {
  tenantId: string;
  testClockId: string | null;
}

/** The end of the current period: renewal, trial end, or the end of a scheduled cancellation. */
export async function schedulePeriodEnd(
  trx: Transaction<DB>,
  where: Where,
  s: Subscription,
  now: number,
): Promise<void> {
  await scheduleJob(
    trx,
    {
      ...where,
      kind: BILLING_JOBS.periodEnd,
      runAt: s.currentPeriodEnd,
      payload: { subscriptionId: s.id, periodEnd: s.currentPeriodEnd },
      dedupeKey: `${prefix(s.id)}period_end:${s.currentPeriodEnd}`,
    },
    now,
  );
}

/** The "trial ending" event, three days before the trial ends (if that is still ahead). */
export async function scheduleTrialWarning(
  trx: Transaction<DB>,
  where: Where,
  s: Subscription,
  now: number,
): Promise<void> {
  if (s.trialEnd === null) return;
  const at = s.trialEnd - TRIAL_WARNING_DAYS * DAY_MS;
  if (at <= now) return;
  await scheduleJob(
    trx,
    {
      ...where,
      kind: BILLING_JOBS.trialWillEnd,
      runAt: at,
      payload: { subscriptionId: s.id, trialEnd: s.trialEnd },
      dedupeKey: `${prefix(s.id)}trial_will_end:${s.trialEnd}`,
    },
    now,
  );
}

export async function scheduleIncompleteExpiry(
  trx: Transaction<DB>,
  where: Where,
  s: Subscription,
  now: number,
): Promise<void> {
  await scheduleJob(
    trx,
    {
      ...where,
      kind: BILLING_JOBS.expireIncomplete,
      runAt: now + INCOMPLETE_EXPIRY_MS,
      payload: { subscriptionId: s.id },
      dedupeKey: `${prefix(s.id)}expire:${now}`,
    },
    now,
  );
}

export async function scheduleResume(
  trx: Transaction<DB>,
  where: Where,
  s: Subscription,
  now: number,
): Promise<void> {
  if (s.resumeAt === null) return;
  await scheduleJob(
    trx,
    {
      ...where,
      kind: BILLING_JOBS.resume,
      runAt: s.resumeAt,
      payload: { subscriptionId: s.id, resumeAt: s.resumeAt },
      dedupeKey: `${prefix(s.id)}resume:${s.resumeAt}`,
    },
    now,
  );
}

/** Drops every pending job of a subscription: after it ends, or before its schedule is redrawn. */
export function cancelSubscriptionJobs(
  trx: Transaction<DB>,
  tenantId: string,
  subscriptionId: string,
  now: number,
): Promise<number> {
  return cancelPendingJobs(trx, tenantId, prefix(subscriptionId), now);
}
