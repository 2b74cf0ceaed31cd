import type { Kysely, Selectable, Transaction } from 'kysely';
import { newId } from '../../../../shared/ids';
import type { EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { recordEvent } from '../repo/events';
import type { Payment } from '../types';

type Db = Kysely<DB> | Transaction<DB>;

/** A cardholder's dispute (chargeback) of one of our payments. */
export interface Dispute {
  id: string;
  paymentId: string;
  invoiceId: string;
  customerId: string;
  amount: number;
  currency: string;
  /** The gateway's words: fraudulent, product_not_received, … */
  reason: string;
  /** The gateway's words: needs_response, under_review, won, lost, … */
  status: string;
  gatewayRef: string;
  openedAt: number;
  createdAt: number;
  updatedAt: number;
}

/** A dispute as the gateway reports it. */
export interface GatewayDispute {
  gatewayRef: string;
  amount: number;
  currency: string;
  reason: string;
  status: string;
  openedAt: number;
}

function toDispute(row: Selectable<DB['disputes']>): Dispute {
  return {
    id: row.id,
    paymentId: row.payment_id,
    invoiceId: row.invoice_id,
    customerId: row.customer_id,
    amount: row.amount,
    currency: row.currency,
    reason: row.reason,
    status: row.status,
    gatewayRef: row.gateway_ref,
    openedAt: row.opened_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Disputes of an invoice's payments, oldest first, for the invoice page. */
export async function disputesOfInvoice(db: Db, tenantId: string, invoiceId: string): Promise<Dispute[]> {
  const rows = await db
    .selectFrom('disputes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .orderBy('opened_at')
    .orderBy('id')
    .execute();
  return rows.map(toDispute);
}

/**
 * Records a dispute of `payment` once (by the gateway's id), with a billing event the
 * first time; a later report of the same dispute updates its status, reason and amount.
 */
export async function recordDispute(
  trx: Transaction<DB>,
  scope: { tenantId: string; now: number },
  payment: Payment,
  reported: GatewayDispute,
): Promise<EntityChange[]> {
  const row = await trx
    .selectFrom('disputes')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('gateway_ref', '=', reported.gatewayRef)
    .executeTakeFirst();
  if (row) return updateDispute(trx, scope, toDispute(row), reported);
  const dispute: Dispute = {
    id: newId('dsp', scope.now),
    paymentId: payment.id,
    invoiceId: payment.invoiceId,
    customerId: payment.customerId,
    amount: reported.amount,
    currency: payment.currency,
    reason: reported.reason,
    status: reported.status,
    gatewayRef: reported.gatewayRef,
    openedAt: reported.openedAt,
    createdAt: scope.now,
    updatedAt: scope.now,
  };
  await trx
    .insertInto('disputes')
    .values({
      id: dispute.id,
      tenant_id: scope.tenantId,
      payment_id: dispute.paymentId,
      invoice_id: dispute.invoiceId,
      customer_id: dispute.customerId,
      amount: dispute.amount,
      currency: dispute.currency,
      reason: dispute.reason,
      status: dispute.status,
      gateway_ref: dispute.gatewayRef,
      opened_at: dispute.openedAt,
      created_at: dispute.createdAt,
      updated_at: dispute.updatedAt,
    })
    .execute();
  await recordEvent(
    trx,
    scope.tenantId,
    {
      type: 'charge.dispute.created',
      customerId: payment.customerId,
      subjectId: payment.id,
      data: {
        disputeId: dispute.id,
        invoiceId: payment.invoiceId,
        amount: dispute.amount,
        currency: dispute.currency,
        reason: dispute.reason,
      },
    },
    scope.now,
  );
  return [{ entityType: 'dispute', entityId: dispute.id, before: null, after: { ...dispute } }];
}

async function updateDispute(
  trx: Transaction<DB>,
  scope: { tenantId: string; now: number },
  before: Dispute,
  reported: GatewayDispute,
): Promise<EntityChange[]> {
  const { status, reason, amount } = reported;
  if (before.status === status && before.reason === reason && before.amount === amount) return [];
  await trx
    .updateTable('disputes')
    .set({ status, reason, amount, updated_at: scope.now })
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', before.id)
    .execute();
  const after: Dispute = { ...before, status, reason, amount, updatedAt: scope.now };
  return [{ entityType: 'dispute', entityId: before.id, before: { ...before }, after: { ...after } }];
}
