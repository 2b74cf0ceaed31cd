import type { Transaction } from 'kysely';
import { invoiceTotals } from '../../../shared/billing/invoice-totals';
import { money, sum } from '../../../shared/money';
import type { EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { BugIndicatingError } from '../../lib/errors';
import { creditBalance, recordBalanceChange } from './repo/balance';
import { recordEvent } from './repo/events';
import {
  findInvoice,
  insertDraftInvoice,
  nextInvoiceNumber,
  updateInvoice,
  type NewInvoice,
  type NewLine,
} from './repo/invoices';
import type { Invoice } from './types';

type Trx = Transaction<DB>;

/** A draft: lines and their sum, no number yet, nothing applied from the balance. */
export async function createDraft(
  trx: Trx,
  tenantId: string,
  draft: Omit<NewInvoice, 'subtotal' | 'total' | 'creditApplied' | 'amountDue'>,
  lines: readonly NewLine[],
  now: number,
): Promise<string> {
  // Summed as money, so lines too large to add up are refused, never stored as a REAL.
  const subtotal = sum(
    lines.map((line) => money(line.amount, draft.currency)),
    draft.currency,
  ).amount;
  return insertDraftInvoice(
    trx,
    tenantId,
    { ...draft, subtotal, total: subtotal, creditApplied: 0, amountDue: Math.max(subtotal, 0) },
    lines,
    now,
  );
}

/**
 * Finalizes a draft: applies the customer's credit balance, takes the next number, and
 * opens it (or marks it paid when nothing is left to collect). From here its amounts
 * are fixed; the database refuses changes to them.
 */
export async function finalize(
  trx: Trx,
  tenantId: string,
  invoiceId: string,
  now: number,
): Promise<{ invoice: Invoice; change: EntityChange }> {
  const draft = await findInvoice(trx, tenantId, invoiceId);
  if (!draft || draft.status !== 'draft') throw new BugIndicatingError(`invoice ${invoiceId} is not a draft`);
  const balance = await creditBalance(trx, tenantId, draft.customerId, draft.currency);
  const totals = invoiceTotals(
    [money(draft.subtotal, draft.currency)],
    money(balance, draft.currency),
    draft.currency,
  );
  await trx
    .updateTable('invoices')
    .set({
      credit_applied: totals.creditApplied.amount,
      amount_due: totals.amountDue.amount,
      updated_at: now,
    })
    .where('id', '=', invoiceId)
    .execute();
  const paid = totals.amountDue.amount === 0;
  await updateInvoice(
    trx,
    tenantId,
    invoiceId,
    {
      status: paid ? 'paid' : 'open',
      number: await nextInvoiceNumber(trx, tenantId),
      finalizedAt: now,
      ...(paid && { paidAt: now }),
    },
    now,
  );
  if (totals.balanceChange.amount !== 0) {
    await recordBalanceChange(
      trx,
      tenantId,
      {
        customerId: draft.customerId,
        amount: totals.balanceChange.amount,
        currency: draft.currency,
        kind: totals.total.amount < 0 ? 'negative_invoice' : 'invoice_applied',
        invoiceId,
        description: totals.total.amount < 0 ? 'Credit from a negative invoice' : 'Applied to an invoice',
      },
      now,
    );
  }
  const invoice = await findInvoice(trx, tenantId, invoiceId);
  if (!invoice) throw new BugIndicatingError(`invoice ${invoiceId} vanished`);
  await recordEvent(
    trx,
    tenantId,
    {
      type: 'invoice.finalized',
      customerId: invoice.customerId,
      subjectId: invoice.id,
      data: { number: invoice.number, total: invoice.total },
    },
    now,
  );
  if (paid)
    await recordEvent(
      trx,
      tenantId,
      {
        type: 'invoice.paid',
        customerId: invoice.customerId,
        subjectId: invoice.id,
        data: { number: invoice.number, paymentId: null, recovered: false },
      },
      now,
    );
  return {
    invoice,
    change: { entityType: 'invoice', entityId: invoice.id, before: null, after: { ...invoice } },
  };
}

/** Drafts and finalizes in one go: what billing does for subscription invoices. */
export async function issueInvoice(
  trx: Trx,
  tenantId: string,
  draft: Omit<NewInvoice, 'subtotal' | 'total' | 'creditApplied' | 'amountDue'>,
  lines: readonly NewLine[],
  now: number,
): Promise<{ invoice: Invoice; change: EntityChange }> {
  const id = await createDraft(trx, tenantId, draft, lines, now);
  return finalize(trx, tenantId, id, now);
}

/** What is still to collect on an open invoice. */
export const amountRemaining = (invoice: Invoice) => Math.max(invoice.amountDue - invoice.amountPaid, 0);
