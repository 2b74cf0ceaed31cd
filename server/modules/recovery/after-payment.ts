import type { Transaction } from 'kysely';
import { OPEN_RECOVERY_STATUSES } from '../../../shared/billing/recovery-schema';
import type { EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { recoveryChange } from './changes';
import { cancelRecoveryJobs } from './jobs-schedule';
import { findRecovery, updateRecovery } from './repo';
import { recordEvent, type Invoice, type PaidBy } from '../billing';

/**
 * Records that an invoice is paid in full: `invoice.paid`, and when the invoice was in
 * recovery (or given up on, then paid after all) `invoice.recovered` with the recovery
 * closed and its pending retries dropped.
 */
export async function recordInvoicePaid(
  trx: Transaction<DB>,
  tenantId: string,
  invoice: Invoice,
  paidBy: PaidBy,
  now: number,
): Promise<EntityChange[]> {
  const recovery = await findRecovery(trx, tenantId, invoice.id);
  const recovering =
    recovery !== undefined &&
    (OPEN_RECOVERY_STATUSES.includes(recovery.status) || recovery.status === 'final_action_taken');
  await recordEvent(
    trx,
    tenantId,
    {
      type: 'invoice.paid',
      customerId: invoice.customerId,
      subjectId: invoice.id,
      data: { number: invoice.number, paymentId: paidBy.paymentId, recovered: recovering },
    },
    now,
  );
  if (!recovering) return [];
  await updateRecovery(
    trx,
    tenantId,
    invoice.id,
    {
      status: 'recovered',
      nextAttemptAt: null,
      recoveredAt: now,
      recoveredAmount: paidBy.amount,
      recoveredAttempt: paidBy.attempt,
      endedAt: now,
    },
    now,
  );
  await cancelRecoveryJobs(trx, tenantId, invoice.id, now);
  await recordEvent(
    trx,
    tenantId,
    {
      type: 'invoice.recovered',
      customerId: invoice.customerId,
      subjectId: invoice.id,
      data: {
        number: invoice.number,
        amount: paidBy.amount,
        currency: invoice.currency,
        attempt: paidBy.attempt,
      },
    },
    now,
  );
  return [await recoveryChange(trx, tenantId, recovery)];
}
