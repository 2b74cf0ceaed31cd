import type { Transaction } from 'kysely';
import { OPEN_RECOVERY_STATUSES } from '../../../shared/billing/recovery-schema';
import { runCommand, type EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError, notFound } from '../../lib/errors';
import { recordInvoicePaid } from './after-payment';
import { invoiceChange, recoveryChange } from './changes';
import { cancelRecoveryJobs } from './jobs-schedule';
import { findRecovery, updateRecovery, type Recovery } from './repo';
import {
  afterInvoicePaid,
  collectInvoice,
  findInvoice,
  loadInvoiceForStaff,
  paymentsOfInvoice,
  subscriptionsChanged,
  updateInvoice,
  type Invoice,
  type StaffRequest,
} from '../billing';

const isOpen = (recovery: Recovery | undefined): recovery is Recovery =>
  recovery !== undefined && OPEN_RECOVERY_STATUSES.includes(recovery.status);

/**
 * Staff's "Retry now": one charge attempt at once, counted like any other. A decline is
 * an outcome here, not an error: the recovery moves on (next retry, or final action) and
 * the answer says so.
 */
export async function retryNow(request: StaffRequest, invoiceId: string) {
  const { invoice, customer, scope } = await loadInvoiceForStaff(request, invoiceId);
  const recovery = await findRecovery(request.deps.db, request.tenantId, invoiceId);
  if (!isOpen(recovery) || invoice.status !== 'open')
    throw new DomainError('INVALID_STATE', 'This invoice is not in recovery; use Pay now on the invoice');
  const result = await collectInvoice(request.deps, scope, invoiceId);
  subscriptionsChanged(request.tenantId, customer.id);
  switch (result.outcome) {
    case 'no_payment_method':
      throw new DomainError('INVALID_STATE', 'This customer has no payment method to charge; add one first');
    case 'in_progress':
      throw new DomainError(
        'CONFLICT',
        'A payment for this invoice is already under way; wait for its result',
      );
    case 'gateway_unavailable':
      throw new DomainError('RATE_LIMITED', `${result.message}. The payment will be retried automatically.`);
    default:
      break;
  }
  const after = await findRecovery(request.deps.db, request.tenantId, invoiceId);
  return {
    outcome: result.outcome,
    failureMessage: 'payment' in result ? result.payment.failureMessage : null,
    recovery: after ?? null,
  };
}

/**
 * Money received some other way (a bank transfer, a cheque): the invoice is paid with no
 * charge at the gateway, its recovery closed, and its subscription recovers. An invoice
 * given up on (uncollectible) can still be paid this way.
 */
export async function markPaidOutOfBand(request: StaffRequest, invoiceId: string): Promise<Invoice> {
  const { customer, scope } = await loadInvoiceForStaff(request, invoiceId);
  const invoice = await runCommand(scope, 'invoice.paid_out_of_band', async (trx, now) => {
    const before = await findInvoice(trx, scope.tenantId, invoiceId);
    if (!before) throw notFound('Invoice');
    if (before.status !== 'open' && before.status !== 'uncollectible')
      throw new DomainError(
        'INVALID_STATE',
        `Only an open or uncollectible invoice can be marked paid; this one is ${before.status}`,
      );
    const pending = (await paymentsOfInvoice(trx, scope.tenantId, invoiceId)).some(
      (p) => p.status === 'pending',
    );
    if (pending)
      throw new DomainError('CONFLICT', 'A payment for this invoice is under way; wait for its result first');
    const amount = Math.max(before.amountDue - before.amountPaid, 0);
    await updateInvoice(
      trx,
      scope.tenantId,
      invoiceId,
      { status: 'paid', amountPaid: before.amountDue, paidAt: now, nextAttemptAt: null },
      now,
    );
    const paid = (await findInvoice(trx, scope.tenantId, invoiceId)) ?? before;
    const changes: EntityChange[] = [await invoiceChange(trx, scope.tenantId, before)];
    const paidBy = { paymentId: null, attempt: null, amount };
    changes.push(...(await recordInvoicePaid(trx, scope.tenantId, paid, paidBy, now)));
    changes.push(...(await afterInvoicePaid(trx, scope.tenantId, paid, now)));
    return { result: paid, changes };
  });
  subscriptionsChanged(request.tenantId, customer.id);
  return invoice;
}

/** Staff closed an invoice (void, uncollectible): its recovery ends and its retries are dropped. */
export async function closeRecoveryByStaff(
  trx: Transaction<DB>,
  tenantId: string,
  invoiceId: string,
  now: number,
): Promise<EntityChange[]> {
  const recovery = await findRecovery(trx, tenantId, invoiceId);
  if (!isOpen(recovery)) return [];
  await updateRecovery(
    trx,
    tenantId,
    invoiceId,
    { status: 'closed_by_staff', nextAttemptAt: null, endedAt: now },
    now,
  );
  await cancelRecoveryJobs(trx, tenantId, invoiceId, now);
  return [await recoveryChange(trx, tenantId, recovery)];
}
