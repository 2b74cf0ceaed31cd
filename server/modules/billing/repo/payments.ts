import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Payment, PaymentStatus, Refund } from '../types';

type Db = Kysely<DB> | Transaction<DB>;

export function toPayment(row: Selectable<DB['payments']>): Payment {
  return {
    id: row.id,
    customerId: row.customer_id,
    invoiceId: row.invoice_id,
    paymentMethodId: row.payment_method_id,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    idempotencyKey: row.idempotency_key,
    gateway: row.gateway,
    gatewayRef: row.gateway_ref,
    failureCode: row.failure_code,
    failureMessage: row.failure_message,
    amountRefunded: row.amount_refunded,
    attemptNumber: row.attempt_number,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toRefund(row: Selectable<DB['refunds']>): Refund {
  return {
    id: row.id,
    paymentId: row.payment_id,
    invoiceId: row.invoice_id,
    customerId: row.customer_id,
    amount: row.amount,
    currency: row.currency,
    reason: row.reason,
    status: row.status,
    idempotencyKey: row.idempotency_key,
    gatewayRef: row.gateway_ref,
    failureMessage: row.failure_message,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertPayment(db: Db, tenantId: string, p: Payment): Promise<void> {
  await db
    .insertInto('payments')
    .values({
      id: p.id,
      tenant_id: tenantId,
      customer_id: p.customerId,
      invoice_id: p.invoiceId,
      payment_method_id: p.paymentMethodId,
      amount: p.amount,
      currency: p.currency,
      status: p.status,
      idempotency_key: p.idempotencyKey,
      gateway: p.gateway,
      gateway_ref: p.gatewayRef,
      failure_code: p.failureCode,
      failure_message: p.failureMessage,
      amount_refunded: p.amountRefunded,
      attempt_number: p.attemptNumber,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
    })
    .execute();
}

export async function findPayment(db: Db, tenantId: string, id: string): Promise<Payment | undefined> {
  const row = await db
    .selectFrom('payments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toPayment(row);
}

/**
 * Records a payment's outcome, once: only a payment in one of the `from` statuses (by
 * default, a pending one) moves. Returns whether it did.
 */
export async function settlePayment(
  db: Db,
  tenantId: string,
  id: string,
  outcome: {
    status: Exclude<PaymentStatus, 'pending'>;
    gatewayRef: string | null;
    failureCode: string | null;
    failureMessage: string | null;
  },
  now: number,
  from: readonly PaymentStatus[] = ['pending'],
): Promise<boolean> {
  const result = await db
    .updateTable('payments')
    .set({
      status: outcome.status,
      gateway_ref: outcome.gatewayRef,
      failure_code: outcome.failureCode,
      failure_message: outcome.failureMessage,
      updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function paymentsOfInvoice(db: Db, tenantId: string, invoiceId: string): Promise<Payment[]> {
  const rows = await db
    .selectFrom('payments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toPayment);
}

export async function insertRefund(db: Db, tenantId: string, r: Refund): Promise<void> {
  await db
    .insertInto('refunds')
    .values({
      id: r.id,
      tenant_id: tenantId,
      payment_id: r.paymentId,
      invoice_id: r.invoiceId,
      customer_id: r.customerId,
      amount: r.amount,
      currency: r.currency,
      reason: r.reason,
      status: r.status,
      idempotency_key: r.idempotencyKey,
      gateway_ref: r.gatewayRef,
      failure_message: r.failureMessage,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    })
    .execute();
}

export async function findRefund(db: Db, tenantId: string, id: string): Promise<Refund | undefined> {
  const row = await db
    .selectFrom('refunds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRefund(row);
}

/** Refunds of a payment not known to have failed: what counts against the refundable amount. */
export async function committedRefundTotal(db: Db, tenantId: string, paymentId: string): Promise<number> {
  const row = await db
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
    .where('tenant_id', '=', tenantId)
    .where('payment_id', '=', paymentId)
    .where('status', '!=', 'failed')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function refundsOfInvoice(db: Db, tenantId: string, invoiceId: string): Promise<Refund[]> {
  const rows = await db
    .selectFrom('refunds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .orderBy('created_at')
    .execute();
  return rows.map(toRefund);
}

/**
 * Records the gateway's answer on a refund still pending; false when it is no longer pending
 * (another path settled it first), in which case nothing changed.
 */
export async function settlePendingRefundRow(
  db: Db,
  tenantId: string,
  id: string,
  answer: { status: 'succeeded' | 'failed'; gatewayRef: string | null; failureMessage: string | null },
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('refunds')
    .set({
      status: answer.status,
      gateway_ref: answer.gatewayRef,
      failure_message: answer.failureMessage,
      updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Sets how much of a payment has been refunded (the caller adds to what it read in its transaction). */
export async function setPaymentRefunded(
  db: Db,
  tenantId: string,
  id: string,
  amountRefunded: number,
  now: number,
): Promise<void> {
  await db
    .updateTable('payments')
    .set({ amount_refunded: amountRefunded, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
