import type { Transaction } from 'kysely';
import type Stripe from 'stripe';
import { newId } from '../../../shared/ids';
import type { EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { insertMirroredInvoice, replaceInvoiceLines, updateMirroredInvoice } from '../billing';
import type { MirrorContext } from './context';
import { ensureCustomer } from './customers';
import {
  mirroredBillingReason,
  mirroredInvoiceStatus,
  mirroredLine,
  ms,
  msOrNull,
  readInvoice,
  readInvoiceWithLines,
  subscriptionOfInvoice,
} from './mapping';
import { invoiceByRef, priceByRef, subscriptionByRef } from './repo';

type Trx = Transaction<DB>;

export interface InvoiceLinks {
  customerId: string;
}

export async function linkInvoice(context: MirrorContext, invoice: Stripe.Invoice): Promise<InvoiceLinks> {
  const { customerRef } = readInvoiceWithLines(invoice);
  return { customerId: await ensureCustomer(context, customerRef) };
}

/** What a draft may still change: amounts and lines, replaced wholesale. */
async function writeDraftContent(trx: Trx, tenantId: string, invoiceId: string, invoice: Stripe.Invoice) {
  const { created, lines: stripeLines } = readInvoice(invoice);
  const lines = [];
  for (const line of stripeLines.map((_line, index) => mirroredLine(invoice, index))) {
    const price = line.priceRef ? await priceByRef(trx, tenantId, line.priceRef) : undefined;
    lines.push({
      id: newId('il', ms(created)),
      kind: line.kind,
      description: line.description,
      price_id: price?.id ?? null,
      quantity: line.quantity,
      unit_amount: line.unitAmount,
      amount: line.amount,
      period_start: line.periodStart,
      period_end: line.periodEnd,
    });
  }
  await replaceInvoiceLines(trx, tenantId, invoiceId, lines);
}

function amounts(invoice: Stripe.Invoice) {
  const fields = readInvoice(invoice);
  return {
    subtotal: fields.subtotal,
    total: fields.total,
    amount_due: fields.amountDue,
    // Stripe applies the customer's balance between total and amount due.
    credit_applied: Math.max(0, fields.total - fields.amountDue),
    period_start: ms(fields.periodStart),
    period_end: ms(fields.periodEnd),
  };
}

/** What may move once finalized: status and payment bookkeeping only (the triggers hold the rest). */
function bookkeeping(invoice: Stripe.Invoice, now: number) {
  const fields = readInvoice(invoice);
  const transitions = invoice.status_transitions;
  return {
    status: mirroredInvoiceStatus(invoice),
    amount_paid: fields.amountPaid,
    attempt_count: fields.attemptCount,
    next_attempt_at: msOrNull(invoice.next_payment_attempt),
    finalized_at: msOrNull(transitions.finalized_at),
    paid_at: msOrNull(transitions.paid_at),
    voided_at: msOrNull(transitions.voided_at),
    uncollectible_at: msOrNull(transitions.marked_uncollectible_at),
    updated_at: now,
  };
}

/**
 * Writes a Stripe invoice's snapshot as the local invoice's state. A new or still-draft
 * invoice takes Stripe's lines and amounts while a draft, then its number and status in
 * the same step that finalizes it; a finalized one moves only its status and payments.
 */
export async function writeInvoice(
  trx: Trx,
  tenantId: string,
  invoice: Stripe.Invoice,
  links: InvoiceLinks,
  now: number,
): Promise<{ changes: EntityChange[]; customerId: string }> {
  const current = await invoiceByRef(trx, tenantId, invoice.id);
  const subscriptionRef = subscriptionOfInvoice(invoice);
  const subscription = subscriptionRef ? await subscriptionByRef(trx, tenantId, subscriptionRef) : undefined;
  const fields = readInvoice(invoice);
  const id = current?.id ?? newId('inv', ms(fields.created));
  if (!current) {
    await insertMirroredInvoice(trx, {
      id,
      tenant_id: tenantId,
      customer_id: links.customerId,
      subscription_id: subscription?.id ?? null,
      number: null,
      status: 'draft',
      billing_reason: mirroredBillingReason(invoice),
      currency: fields.currency.toUpperCase(),
      ...amounts(invoice),
      created_at: ms(fields.created),
      updated_at: now,
      managed_by: 'stripe',
      gateway_ref: invoice.id,
    });
  }
  const wasDraft = !current || current.status === 'draft';
  if (wasDraft) {
    await updateMirroredInvoice(trx, tenantId, id, {
      ...amounts(invoice),
      subscription_id: subscription?.id ?? null,
      updated_at: now,
    });
    await writeDraftContent(trx, tenantId, id, invoice);
  }
  const status = mirroredInvoiceStatus(invoice);
  if (status !== 'draft') {
    const numbered = wasDraft ? { number: invoice.number ?? invoice.id } : {};
    await updateMirroredInvoice(trx, tenantId, id, { ...bookkeeping(invoice, now), ...numbered });
  }
  const after = await trx.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return {
    changes: [{ entityType: 'invoice', entityId: id, before: current ?? null, after }],
    customerId: links.customerId,
  };
}
