import type { Transaction } from 'kysely';
import { OPEN_RECOVERY_STATUSES, type RecoveryPolicy } from '../../../shared/billing/recovery-schema';
import { graceEnd, nextStep, type NextStep } from '../../../shared/billing/recovery-schedule';
import type { EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { HARD_DECLINES, type PaymentFailureCode } from '../../gateways/types';
import { invoiceChange, recoveryChange } from './changes';
import { takeFinalAction } from './final-action';
import { scheduleGraceEnd, scheduleRetry, type JobPlace } from './jobs-schedule';
import {
  findRecovery,
  insertRecovery,
  isRecoveryPaused,
  recoveryPolicy,
  updateRecovery,
  type Recovery,
} from './repo';
import {
  afterInvoicePaymentFailed,
  findBillingCustomer,
  findSubscription,
  recordEvent,
  updateInvoice,
  type Invoice,
  type Payment,
} from '../billing';

type Trx = Transaction<DB>;

export const isHardDecline = (code: string | null): boolean =>
  code !== null && HARD_DECLINES.includes(code as PaymentFailureCode);

interface Plan {
  policy: RecoveryPolicy;
  existing: Recovery | undefined;
  graceEndsAt: number;
  paused: boolean;
  step: NextStep;
  place: JobPlace;
}

/** How recovery goes on after this failure, or null when the invoice is not recovered here. */
async function planAfterFailure(
  trx: Trx,
  tenantId: string,
  invoice: Invoice,
  hardDecline: boolean,
  now: number,
): Promise<Plan | null> {
  // A first invoice that fails leaves its subscription incomplete, which lapses on its own;
  // Stripe runs its own retries for the subscriptions it manages.
  const subscription = invoice.subscriptionId
    ? await findSubscription(trx, tenantId, invoice.subscriptionId)
    : undefined;
  if (subscription?.status === 'incomplete' || subscription?.managedBy === 'stripe') return null;
  const existing = await findRecovery(trx, tenantId, invoice.id);
  if (existing && !OPEN_RECOVERY_STATUSES.includes(existing.status)) return null;
  const policy = await recoveryPolicy(trx, tenantId);
  const graceEndsAt = existing?.graceEndsAt ?? graceEnd(policy, now);
  const customer = await findBillingCustomer(trx, tenantId, invoice.customerId);
  return {
    policy,
    existing,
    graceEndsAt,
    paused: await isRecoveryPaused(trx, tenantId, invoice.customerId),
    step: nextStep(policy, { failedAttempt: invoice.attemptCount, failedAt: now, graceEndsAt, hardDecline }),
    place: { tenantId, testClockId: customer?.testClockId ?? null },
  };
}

/** The recovery row as this failure leaves it, before any final action. */
async function writeRecovery(
  trx: Trx,
  tenantId: string,
  invoice: Invoice,
  payment: Payment,
  plan: Plan,
  now: number,
): Promise<void> {
  const retryAt = !plan.paused && plan.step.kind === 'retry' ? plan.step.at : null;
  const status = plan.paused ? 'paused' : retryAt !== null ? 'retrying' : 'waiting_for_card';
  if (plan.existing) {
    await updateRecovery(
      trx,
      tenantId,
      invoice.id,
      {
        attempts: invoice.attemptCount,
        nextAttemptAt: retryAt,
        lastFailureCode: payment.failureCode,
        status,
      },
      now,
    );
    return;
  }
  await insertRecovery(trx, tenantId, {
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    subscriptionId: invoice.subscriptionId,
    startedAt: now,
    failedAmount: payment.amount,
    currency: invoice.currency,
    attempts: invoice.attemptCount,
    nextAttemptAt: retryAt,
    graceEndsAt: plan.graceEndsAt,
    lastFailureCode: payment.failureCode,
    status,
    recoveredAt: null,
    recoveredAmount: null,
    recoveredAttempt: null,
    endedAt: null,
    createdAt: now,
    updatedAt: now,
  });
  // Access ends at the grace end even while retries run on; a card-less recovery gives up then.
  await scheduleGraceEnd(trx, plan.place, invoice.id, plan.graceEndsAt, now);
}

/** Schedules the retry the plan calls for, announcing it when it will be the last. */
async function scheduleNext(
  trx: Trx,
  tenantId: string,
  invoice: Invoice,
  plan: Plan,
  step: Extract<NextStep, { kind: 'retry' }>,
  now: number,
): Promise<EntityChange> {
  await scheduleRetry(trx, plan.place, { invoiceId: invoice.id, attempt: step.attempt, at: step.at }, now);
  await updateInvoice(trx, tenantId, invoice.id, { nextAttemptAt: step.at }, now);
  if (step.isLast) {
    await recordEvent(
      trx,
      tenantId,
      {
        type: 'invoice.final_notice',
        customerId: invoice.customerId,
        subjectId: invoice.id,
        data: {
          number: invoice.number,
          amount: invoice.amountDue - invoice.amountPaid,
          currency: invoice.currency,
          nextAttemptAt: step.at,
          finalAction: plan.policy.finalAction,
        },
      },
      now,
    );
  }
  return invoiceChange(trx, tenantId, invoice);
}

/**
 * What a failed payment does, in the transaction that records it: the failure event (with
 * when the next retry is), the subscription past due, and the invoice's recovery opened or
 * moved on — the next retry scheduled, a wait for a new card after a hard decline, or the
 * final action when no attempt is left.
 */
export async function afterPaymentFailure(
  trx: Trx,
  tenantId: string,
  invoice: Invoice,
  payment: Payment,
  now: number,
): Promise<EntityChange[]> {
  const hardDecline = isHardDecline(payment.failureCode);
  const plan = await planAfterFailure(trx, tenantId, invoice, hardDecline, now);
  const retry = plan && !plan.paused && plan.step.kind === 'retry' ? plan.step : null;
  await recordEvent(
    trx,
    tenantId,
    {
      type: 'invoice.payment_failed',
      customerId: invoice.customerId,
      subjectId: invoice.id,
      data: {
        number: invoice.number,
        paymentId: payment.id,
        failureCode: payment.failureCode,
        attempt: payment.attemptNumber,
        nextAttemptAt: retry?.at ?? null,
        hardDecline,
      },
    },
    now,
  );
  const changes = await afterInvoicePaymentFailed(trx, tenantId, invoice, now);
  if (!plan) return changes;
  await writeRecovery(trx, tenantId, invoice, payment, plan, now);
  changes.push(await recoveryChange(trx, tenantId, plan.existing ?? null, invoice.id));
  if (retry) {
    changes.push(await scheduleNext(trx, tenantId, invoice, plan, retry, now));
    return changes;
  }
  if (invoice.nextAttemptAt !== null) {
    await updateInvoice(trx, tenantId, invoice.id, { nextAttemptAt: null }, now);
    changes.push(await invoiceChange(trx, tenantId, invoice));
  }
  if (!plan.paused && plan.step.kind === 'final_action')
    changes.push(...(await takeFinalAction(trx, tenantId, invoice.id, plan.policy.finalAction, now)));
  return changes;
}
