import type { Kysely, Selectable, Transaction } from 'kysely';
import { newId } from '../../../../shared/ids';
import type { DB } from '../../../db/schema';
import type { BillingReason, Invoice, InvoiceLine, InvoiceLineKind, InvoiceStatus } from '../types';

type Db = Kysely<DB> | Transaction<DB>;

export function toInvoice(row: Selectable<DB['invoices']>): Invoice {
  return {
    id: row.id,
    customerId: row.customer_id,
    subscriptionId: row.subscription_id,
    number: row.number,
    status: row.status,
    billingReason: row.billing_reason,
    currency: row.currency,
    subtotal: row.subtotal,
    creditApplied: row.credit_applied,
    total: row.total,
    amountDue: row.amount_due,
    amountPaid: row.amount_paid,
    amountRefunded: row.amount_refunded,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    finalizedAt: row.finalized_at,
    paidAt: row.paid_at,
    voidedAt: row.voided_at,
    uncollectibleAt: row.uncollectible_at,
    managedBy: row.managed_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toInvoiceLine(row: Selectable<DB['invoice_lines']>): InvoiceLine {
  return {
    id: row.id,
    position: row.position,
    kind: row.kind,
    description: row.description,
    priceId: row.price_id,
    quantity: row.quantity,
    unitAmount: row.unit_amount,
    amount: row.amount,
    periodStart: row.period_start,
    periodEnd: row.period_end,
  };
}

export interface NewLine {
  kind: InvoiceLineKind;
  description: string;
  priceId: string | null;
  quantity: number;
  unitAmount: number;
  amount: number;
  periodStart: number | null;
  periodEnd: number | null;
}

export interface NewInvoice {
  customerId: string;
  subscriptionId: string | null;
  billingReason: BillingReason;
  currency: string;
  subtotal: number;
  creditApplied: number;
  total: number;
  amountDue: number;
  periodStart: number | null;
  periodEnd: number | null;
}

/** Inserts a draft invoice with its lines; finalizing it is a separate step (lines lock then). */
export async function insertDraftInvoice(
  db: Db,
  tenantId: string,
  invoice: NewInvoice,
  lines: readonly NewLine[],
  now: number,
): Promise<string> {
  const id = newId('inv', now);
  await db
    .insertInto('invoices')
    .values({
      id,
      tenant_id: tenantId,
      customer_id: invoice.customerId,
      subscription_id: invoice.subscriptionId,
      number: null,
      status: 'draft',
      billing_reason: invoice.billingReason,
      currency: invoice.currency,
      subtotal: invoice.subtotal,
      credit_applied: invoice.creditApplied,
      total: invoice.total,
      amount_due: invoice.amountDue,
      period_start: invoice.periodStart,
      period_end: invoice.periodEnd,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (lines.length > 0) {
    await db
      .insertInto('invoice_lines')
      .values(
        lines.map((line, position) => ({
          id: newId('il', now),
          tenant_id: tenantId,
          invoice_id: id,
          position,
          kind: line.kind,
          description: line.description,
          price_id: line.priceId,
          quantity: line.quantity,
          unit_amount: line.unitAmount,
          amount: line.amount,
          period_start: line.periodStart,
          period_end: line.periodEnd,
        })),
      )
      .execute();
  }
  return id;
}

/** The tenant's next invoice number (INV-000001, INV-000002…), counted in the caller's transaction. */
export async function nextInvoiceNumber(db: Db, tenantId: string): Promise<string> {
  const row = await db
    .insertInto('invoice_sequences')
    .values({ tenant_id: tenantId, next_number: 2 })
    .onConflict((oc) =>
      oc
        .column('tenant_id')
        .doUpdateSet((eb) => ({ next_number: eb('invoice_sequences.next_number', '+', 1) })),
    )
    .returning('next_number')
    .executeTakeFirstOrThrow();
  return `INV-${String(row.next_number - 1).padStart(6, '0')}`;
}

export async function findInvoice(db: Db, tenantId: string, id: string): Promise<Invoice | undefined> {
  const row = await db
    .selectFrom('invoices')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toInvoice(row);
}

export async function invoiceLines(db: Db, tenantId: string, invoiceId: string): Promise<InvoiceLine[]> {
  const rows = await db
    .selectFrom('invoice_lines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();
  return rows.map(toInvoiceLine);
}

export interface InvoiceStatusChange {
  status?: InvoiceStatus;
  number?: string;
  amountPaid?: number;
  amountRefunded?: number;
  attemptCount?: number;
  nextAttemptAt?: number | null;
  finalizedAt?: number;
  paidAt?: number;
  voidedAt?: number;
  uncollectibleAt?: number;
}

/** Updates what may change on an invoice (its status and payment bookkeeping). */
export async function updateInvoice(
  db: Db,
  tenantId: string,
  id: string,
  change: InvoiceStatusChange,
  now: number,
): Promise<void> {
  await db
    .updateTable('invoices')
    .set({
      ...(change.status !== undefined && { status: change.status }),
      ...(change.number !== undefined && { number: change.number }),
      ...(change.amountPaid !== undefined && { amount_paid: change.amountPaid }),
      ...(change.amountRefunded !== undefined && { amount_refunded: change.amountRefunded }),
      ...(change.attemptCount !== undefined && { attempt_count: change.attemptCount }),
      ...(change.nextAttemptAt !== undefined && { next_attempt_at: change.nextAttemptAt }),
      ...(change.finalizedAt !== undefined && { finalized_at: change.finalizedAt }),
      ...(change.paidAt !== undefined && { paid_at: change.paidAt }),
      ...(change.voidedAt !== undefined && { voided_at: change.voidedAt }),
      ...(change.uncollectibleAt !== undefined && { uncollectible_at: change.uncollectibleAt }),
      updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Open invoices of a subscription, oldest first: what still stands between it and "active". */
export async function openInvoicesOfSubscription(
  db: Db,
  tenantId: string,
  subscriptionId: string,
): Promise<Invoice[]> {
  const rows = await db
    .selectFrom('invoices')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'open')
    .orderBy('created_at')
    .execute();
  return rows.map(toInvoice);
}
