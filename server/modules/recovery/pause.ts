import type { Transaction } from 'kysely';
import { nextStep } from '../../../shared/billing/recovery-schedule';
import { runCommand, type EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { isHardDecline } from './after-failure';
import { invoiceChange, recoveryChange } from './changes';
import { takeFinalAction } from './final-action';
import { cancelRetries, scheduleRetry } from './jobs-schedule';
import {
  isRecoveryPaused,
  openRecoveriesOfCustomer,
  recoveryPolicy,
  setRecoveryPaused,
  updateRecovery,
  type Recovery,
} from './repo';
import {
  findInvoice,
  loadCustomer,
  scopeFor,
  subscriptionsChanged,
  updateInvoice,
  type StaffRequest,
} from '../billing';

type Trx = Transaction<DB>;

export interface PauseState {
  customerId: string;
  paused: boolean;
  /** Invoices of the customer whose recovery this moved. */
  invoices: number;
}

async function clearNextAttempt(trx: Trx, tenantId: string, invoiceId: string, now: number) {
  const invoice = await findInvoice(trx, tenantId, invoiceId);
  if (!invoice || invoice.nextAttemptAt === null) return [];
  await updateInvoice(trx, tenantId, invoiceId, { nextAttemptAt: null }, now);
  return [await invoiceChange(trx, tenantId, invoice)];
}

/** Holds one recovery: no retry runs, no final action is taken. */
async function hold(trx: Trx, tenantId: string, r: Recovery, now: number): Promise<EntityChange[]> {
  await updateRecovery(trx, tenantId, r.invoiceId, { status: 'paused', nextAttemptAt: null }, now);
  await cancelRetries(trx, tenantId, r.invoiceId, now);
  return [
    await recoveryChange(trx, tenantId, r),
    ...(await clearNextAttempt(trx, tenantId, r.invoiceId, now)),
  ];
}

/**
 * Picks a held recovery up again as if its last failure had happened now: the next retry
 * after the usual wait, a wait for a card after a hard decline, or the final action when
 * nothing is left (no attempt, or the grace period ended while it was held).
 */
async function release(
  trx: Trx,
  place: { tenantId: string; testClockId: string | null },
  r: Recovery,
  now: number,
): Promise<EntityChange[]> {
  const { tenantId } = place;
  const policy = await recoveryPolicy(trx, tenantId);
  const step = nextStep(policy, {
    failedAttempt: r.attempts,
    failedAt: now,
    graceEndsAt: r.graceEndsAt,
    hardDecline: isHardDecline(r.lastFailureCode),
  });
  if (step.kind === 'final_action')
    return takeFinalAction(trx, tenantId, r.invoiceId, policy.finalAction, now);
  const retryAt = step.kind === 'retry' ? step.at : null;
  await updateRecovery(
    trx,
    tenantId,
    r.invoiceId,
    { status: retryAt === null ? 'waiting_for_card' : 'retrying', nextAttemptAt: retryAt },
    now,
  );
  const changes = [await recoveryChange(trx, tenantId, r)];
  if (step.kind === 'retry') {
    await scheduleRetry(trx, place, { invoiceId: r.invoiceId, attempt: step.attempt, at: step.at }, now);
    const invoice = await findInvoice(trx, tenantId, r.invoiceId);
    await updateInvoice(trx, tenantId, r.invoiceId, { nextAttemptAt: step.at }, now);
    if (invoice) changes.push(await invoiceChange(trx, tenantId, invoice));
  }
  return changes;
}

/**
 * Pauses or resumes recovery for a customer. Paused, none of their failed invoices is
 * retried or given up on (a new card does not trigger a retry either), and new failures
 * open their recovery paused; staff can still retry by hand. Resuming picks each up again.
 */
export async function setCustomerRecoveryPaused(
  request: StaffRequest,
  customerId: string,
  paused: boolean,
): Promise<PauseState> {
  const customer = await loadCustomer(request.deps, request.tenantId, customerId, false);
  const scope = await scopeFor(request, customer);
  const state = await runCommand(scope, paused ? 'recovery.paused' : 'recovery.resumed', async (trx, now) => {
    const tenantId = scope.tenantId;
    const was = await isRecoveryPaused(trx, tenantId, customerId);
    await setRecoveryPaused(trx, tenantId, customerId, paused ? { by: request.actor.name, at: now } : null);
    const changes: EntityChange[] = [];
    if (was !== paused) {
      changes.push({
        entityType: 'recovery_pause',
        entityId: customerId,
        before: { paused: was },
        after: { paused },
      });
    }
    let moved = 0;
    const place = { tenantId, testClockId: customer.testClockId };
    for (const r of await openRecoveriesOfCustomer(trx, tenantId, customerId)) {
      if (paused === (r.status === 'paused')) continue;
      changes.push(...(paused ? await hold(trx, tenantId, r, now) : await release(trx, place, r, now)));
      moved++;
    }
    return { result: { customerId, paused, invoices: moved }, changes };
  });
  subscriptionsChanged(request.tenantId, customerId);
  return state;
}
