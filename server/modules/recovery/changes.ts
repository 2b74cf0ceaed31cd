import type { Transaction } from 'kysely';
import type { EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { BugIndicatingError } from '../../lib/errors';
import { findRecovery, type Recovery } from './repo';
import { findInvoice, type Invoice } from '../billing';

/** A recovery's change for the audit trail and change log, read back after it was written. */
export async function recoveryChange(
  trx: Transaction<DB>,
  tenantId: string,
  before: Recovery | null,
  invoiceId = before?.invoiceId,
): Promise<EntityChange> {
  if (!invoiceId) throw new BugIndicatingError('a recovery change needs an invoice');
  const after = await findRecovery(trx, tenantId, invoiceId);
  if (!after) throw new BugIndicatingError(`recovery of ${invoiceId} vanished`);
  return {
    entityType: 'invoice_recovery',
    entityId: invoiceId,
    before: before && { ...before },
    after: { ...after },
  };
}

/** An invoice's change, read back after it was written. */
export async function invoiceChange(
  trx: Transaction<DB>,
  tenantId: string,
  before: Invoice,
): Promise<EntityChange> {
  const after = await findInvoice(trx, tenantId, before.id);
  if (!after) throw new BugIndicatingError(`invoice ${before.id} vanished`);
  return { entityType: 'invoice', entityId: before.id, before: { ...before }, after: { ...after } };
}
