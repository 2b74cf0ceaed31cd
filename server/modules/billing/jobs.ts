import { runCommand } from '../../commands/run-command';
import type { JobHandlers } from '../../jobs/runner';
import type { Job } from '../../jobs/store';
import { systemScope } from './clock';
import { chargeAttempt, settleAttempt } from './collection';
import { subscriptionsChanged, type BillingDeps } from './deps';
import { findBillingCustomer } from './repo/customer-billing';
import { recordEvent } from './repo/events';
import { findInvoice, openInvoicesOfSubscription, updateInvoice } from './repo/invoices';
import { findPaymentMethod } from './repo/payment-methods';
import { findPayment } from './repo/payments';
import { findSubscription } from './repo/subscriptions';
import { resumeSubscription } from './subscriptions/lifecycle';
import { handlePeriodEnd } from './subscriptions/period-end';
import { endSubscription } from './subscriptions/end';
import { BILLING_JOBS } from './subscriptions/schedule';

async function warnTrialEnding(deps: BillingDeps, job: Job, now: number) {
  const s = await findSubscription(deps.db, job.tenantId, String(job.payload.subscriptionId));
  if (!s || s.status !== 'trialing' || s.trialEnd !== Number(job.payload.trialEnd)) return;
  await runCommand(systemScope(deps.db, job.tenantId, now), 'subscription.trial_will_end', async (trx) => {
    await recordEvent(
      trx,
      job.tenantId,
      {
        type: 'subscription.trial_will_end',
        customerId: s.customerId,
        subjectId: s.id,
        data: { trialEnd: s.trialEnd },
      },
      now,
    );
    return { result: null, changes: [] };
  });
}

/** A first invoice left unpaid too long: the subscription lapses and its invoice is voided. */
async function expireIncomplete(deps: BillingDeps, job: Job, now: number) {
  const id = String(job.payload.subscriptionId);
  await runCommand(systemScope(deps.db, job.tenantId, now), 'subscription.expired', async (trx) => {
    const s = await findSubscription(trx, job.tenantId, id);
    if (!s || s.status !== 'incomplete') return { result: null, changes: [] };
    const changes = [
      await endSubscription(trx, job.tenantId, s, { command: 'expire', reason: 'incomplete_expired' }, now),
    ];
    for (const invoice of await openInvoicesOfSubscription(trx, job.tenantId, id)) {
      await updateInvoice(trx, job.tenantId, invoice.id, { status: 'void', voidedAt: now }, now);
    }
    return { result: null, changes };
  });
  const s = await findSubscription(deps.db, job.tenantId, id);
  if (s) subscriptionsChanged(job.tenantId, s.customerId);
}

async function resumeOnSchedule(deps: BillingDeps, job: Job, now: number) {
  const s = await findSubscription(deps.db, job.tenantId, String(job.payload.subscriptionId));
  if (!s || s.status !== 'paused' || s.resumeAt !== Number(job.payload.resumeAt)) return;
  const customer = await findBillingCustomer(deps.db, job.tenantId, s.customerId);
  await resumeSubscription(
    deps,
    systemScope(deps.db, job.tenantId, now),
    s.id,
    customer?.testClockId ?? null,
  );
}

/**
 * Finishes a payment whose process died between recording it and hearing from the
 * gateway: asks again with the same idempotency key (the gateway answers with what it
 * did the first time, charging nothing new) and records the answer.
 */
async function reconcilePayment(deps: BillingDeps, job: Job, now: number) {
  const payment = await findPayment(deps.db, job.tenantId, String(job.payload.paymentId));
  if (!payment || payment.status !== 'pending') return;
  const invoice = await findInvoice(deps.db, job.tenantId, payment.invoiceId);
  const customer = await findBillingCustomer(deps.db, job.tenantId, payment.customerId);
  const method = payment.paymentMethodId
    ? await findPaymentMethod(deps.db, job.tenantId, payment.paymentMethodId)
    : undefined;
  if (!invoice || !customer?.gatewayCustomerRef || !method)
    throw new Error(`payment ${payment.id} lacks what it needs to be retried`);
  const outcome = await chargeAttempt(
    deps,
    job.tenantId,
    { payment, gatewayCustomerRef: customer.gatewayCustomerRef, paymentMethodRef: method.gateway_ref },
    invoice,
  );
  await settleAttempt(systemScope(deps.db, job.tenantId, now), payment.id, outcome);
  subscriptionsChanged(job.tenantId, customer.id);
}

/** Billing's job handlers, for the backend's job runner. */
export function billingJobHandlers(deps: BillingDeps): JobHandlers {
  return {
    [BILLING_JOBS.periodEnd]: (job, now) => handlePeriodEnd(deps, job, now),
    [BILLING_JOBS.trialWillEnd]: (job, now) => warnTrialEnding(deps, job, now),
    [BILLING_JOBS.expireIncomplete]: (job, now) => expireIncomplete(deps, job, now),
    [BILLING_JOBS.resume]: (job, now) => resumeOnSchedule(deps, job, now),
    [BILLING_JOBS.reconcilePayment]: (job, now) => reconcilePayment(deps, job, now),
  };
}
