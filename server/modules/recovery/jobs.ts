import { runCommand } from '../../commands/run-command';
import type { JobHandlers } from '../../jobs/runner';
import type { Job } from '../../jobs/store';
import { invoiceChange, recoveryChange } from './changes';
import { RECOVERY_JOBS } from './jobs-schedule';
import { takeFinalAction } from './final-action';
import { findRecovery, recoveryPolicy, updateRecovery } from './repo';
import {
  collectInvoice,
  findInvoice,
  subscriptionsChanged,
  systemScope,
  updateInvoice,
  type BillingDeps,
} from '../billing';

/** A retry found nothing to charge (the card was removed): only a new card can help now. */
async function waitForCard(deps: BillingDeps, tenantId: string, invoiceId: string, now: number) {
  await runCommand(systemScope(deps.db, tenantId, now), 'recovery.waiting_for_card', async (trx) => {
    const recovery = await findRecovery(trx, tenantId, invoiceId);
    const invoice = await findInvoice(trx, tenantId, invoiceId);
    if (!recovery || !invoice || recovery.status !== 'retrying') return { result: null, changes: [] };
    await updateRecovery(trx, tenantId, invoiceId, { status: 'waiting_for_card', nextAttemptAt: null }, now);
    await updateInvoice(trx, tenantId, invoiceId, { nextAttemptAt: null }, now);
    return {
      result: null,
      changes: [await recoveryChange(trx, tenantId, recovery), await invoiceChange(trx, tenantId, invoice)],
    };
  });
}

/**
 * A scheduled retry: charges the invoice again. Collection records the outcome and, in
 * the same transaction, what follows (the next retry, or the final action). A retry that
 * another attempt overtook (a new card, staff's "Retry now") finds the count moved on and
 * does nothing.
 */
export async function retryOnSchedule(deps: BillingDeps, job: Job, now: number): Promise<void> {
  const invoiceId = String(job.payload.invoiceId);
  const [recovery, invoice] = await Promise.all([
    findRecovery(deps.db, job.tenantId, invoiceId),
    findInvoice(deps.db, job.tenantId, invoiceId),
  ]);
  if (!recovery || !invoice || recovery.status !== 'retrying' || invoice.status !== 'open') return;
  if (invoice.attemptCount !== Number(job.payload.attempt) - 1) return;
  const result = await collectInvoice(deps, systemScope(deps.db, job.tenantId, now), invoiceId);
  if (result.outcome === 'no_payment_method') await waitForCard(deps, job.tenantId, invoiceId, now);
  subscriptionsChanged(job.tenantId, invoice.customerId);
}

/**
 * The grace period of a failed invoice is over: the customer's cached entitlements are
 * dropped (the rules stop granting past this moment), and a recovery still waiting for a
 * card gives up with the tenant's final action. A paused recovery is left to staff.
 */
export async function endGracePeriod(deps: BillingDeps, job: Job, now: number): Promise<void> {
  const invoiceId = String(job.payload.invoiceId);
  const recovery = await findRecovery(deps.db, job.tenantId, invoiceId);
  if (!recovery) return;
  if (recovery.status === 'waiting_for_card') {
    await runCommand(systemScope(deps.db, job.tenantId, now), 'recovery.final_action', async (trx) => {
      const current = await findRecovery(trx, job.tenantId, invoiceId);
      if (current?.status !== 'waiting_for_card') return { result: null, changes: [] };
      const policy = await recoveryPolicy(trx, job.tenantId);
      return {
        result: null,
        changes: await takeFinalAction(trx, job.tenantId, invoiceId, policy.finalAction, now),
      };
    });
  }
  subscriptionsChanged(job.tenantId, recovery.customerId);
}

/** Recovery's jobs, for the job loop (and a test clock's advance) beside billing's. */
export function recoveryJobHandlers(deps: BillingDeps): JobHandlers {
  return {
    [RECOVERY_JOBS.retry]: (job, now) => retryOnSchedule(deps, job, now),
    [RECOVERY_JOBS.graceEnd]: (job, now) => endGracePeriod(deps, job, now),
  };
}
