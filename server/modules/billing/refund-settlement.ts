import type { Transaction } from 'kysely';
import type { EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { BugIndicatingError } from '../../lib/errors';
import { recordEvent } from './repo/events';
import { findInvoice, updateInvoice } from './repo/invoices';
import { findPayment, setPaymentRefunded, settlePendingRefundRow } from './repo/payments';
import type { Refund } from './types';

/**
 * The one way a refund is settled, whoever hears the answer first: the staff command that
 * asked the gateway, or the gateway's own report of the charge's refunds (a webhook). Every
 * write is scoped to the tenant, and only a pending refund moves, so the second to arrive
 * changes nothing.
 */

type Scope = { tenantId: string; now: number };

/** What the gateway answered for one of our refunds. */
export interface RefundAnswer {
  status: 'succeeded' | 'failed';
  gatewayRef: string | null;
  failureMessage: string | null;
}

/** Who heard the answer: said in billing's event when it was the gateway's report. */
export type RefundSource = 'command' | 'gateway';

/**
 * Settles a pending refund with the gateway's answer, in the caller's transaction; a
 * succeeded one is booked against its payment and invoice. Returns the change, or null when
 * the refund was no longer pending.
 */
export async function settleRefund(
  trx: Transaction<DB>,
  scope: Scope,
  refund: Refund,
  answer: RefundAnswer,
  source: RefundSource,
): Promise<EntityChange | null> {
  if (refund.status !== 'pending') return null;
  if (!(await settlePendingRefundRow(trx, scope.tenantId, refund.id, answer, scope.now))) return null;
  const after: Refund = { ...refund, ...answer, updatedAt: scope.now };
  if (answer.status === 'succeeded') await bookRefund(trx, scope, after, source);
  return { entityType: 'refund', entityId: refund.id, before: { ...refund }, after: { ...after } };
}

/** Adds a succeeded refund's amount to its payment and invoice, and says so in billing's events. */
export async function bookRefund(
  trx: Transaction<DB>,
  scope: Scope,
  refund: Refund,
  source: RefundSource,
): Promise<void> {
  const payment = await findPayment(trx, scope.tenantId, refund.paymentId);
  const invoice = await findInvoice(trx, scope.tenantId, refund.invoiceId);
  if (!payment || !invoice) throw new BugIndicatingError(`refund ${refund.id} lost its payment or invoice`);
  await setPaymentRefunded(
    trx,
    scope.tenantId,
    payment.id,
    payment.amountRefunded + refund.amount,
    scope.now,
  );
  await updateInvoice(
    trx,
    scope.tenantId,
    invoice.id,
    { amountRefunded: invoice.amountRefunded + refund.amount },
    scope.now,
  );
  await recordEvent(
    trx,
    scope.tenantId,
    {
      type: 'charge.refunded',
      customerId: refund.customerId,
      subjectId: payment.id,
      data: {
        refundId: refund.id,
        amount: refund.amount,
        reason: refund.reason,
        ...(source === 'gateway' ? { source } : {}),
      },
    },
    scope.now,
  );
}
