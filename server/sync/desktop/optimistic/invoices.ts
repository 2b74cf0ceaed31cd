import type Database from 'better-sqlite3';
import { z } from 'zod';
import { invoiceId, manualInvoiceInput } from '../../../../shared/billing/schema';
import { formatMoney, money, multiply, sum } from '../../../../shared/money';
import { DomainError } from '../../../lib/errors';
import { toInvoice } from '../../../modules/billing/repo/invoices';
import { provisionalId } from './provisional-id';
import { findRow, loadRow, type ReplicaRow } from './replica-rows';
import type { LocalCommand, LocalEffect } from './types';

/**
 * Invoices' money commands on the replica. "Pay now" shows what the server records first: a
 * pending payment attempt (never a paid invoice: nothing is charged until the server runs it),
 * and, like the server, it refuses a second while one is pending. A manual invoice appears as
 * the draft the server starts from, with its lines and total; the server numbers and finalizes it.
 */

const byId = z.strictObject({ id: invoiceId });

const amountText = (amount: number, currency: string) => formatMoney(money(amount, currency));

function customerName(sqlite: Database.Database, tenantId: string, id: string): string {
  return findRow(sqlite, 'customers', tenantId, id)?.name ?? id;
}

const invoiceLabel = (invoice: ReplicaRow<'invoices'>) => invoice.number ?? 'a draft invoice';

/** The card "Pay now" would charge, as the server chooses it: the subscription's, else the customer's default. */
function chargeableMethod(sqlite: Database.Database, command: LocalCommand, invoice: ReplicaRow<'invoices'>) {
  const customer = findRow(sqlite, 'customers', command.tenantId, invoice.customer_id);
  const subscription = invoice.subscription_id
    ? findRow(sqlite, 'subscriptions', command.tenantId, invoice.subscription_id)
    : undefined;
  const methodId = subscription?.payment_method_id ?? customer?.default_payment_method_id ?? null;
  const method = methodId ? findRow(sqlite, 'payment_methods', command.tenantId, methodId) : undefined;
  const usable = method?.status === 'active' && method.customer_id === invoice.customer_id;
  return customer?.gateway_customer_ref && method && usable ? method : null;
}

export const payInvoiceEffect: LocalEffect = {
  describe(sqlite, command) {
    const { id } = byId.parse(command.input);
    const invoice = findRow(sqlite, 'invoices', command.tenantId, id);
    if (!invoice) return { label: `Pay invoice ${id}`, record: { table: 'invoices', key: id } };
    const due = Math.max(invoice.amount_due - invoice.amount_paid, 0);
    return {
      label: `Charge ${amountText(due, invoice.currency)} for ${invoiceLabel(invoice)} now`,
      record: { table: 'invoices', key: id },
    };
  },

  apply(writer, command) {
    const { id } = byId.parse(command.input);
    const { sqlite } = writer;
    const invoice = loadRow(sqlite, 'invoices', command.tenantId, id, 'Invoice');
    if (invoice.managed_by === 'stripe') {
      throw new DomainError(
        'INVALID_STATE',
        'Stripe Billing collects this invoice; pay, void or write it off in Stripe and the change will arrive here',
      );
    }
    if (invoice.status !== 'open') {
      throw new DomainError(
        'INVALID_STATE',
        `Only an open invoice can be paid; this one is ${invoice.status}`,
      );
    }
    const due = Math.max(invoice.amount_due - invoice.amount_paid, 0);
    if (due === 0) return { outcome: 'nothing_due', invoice: toInvoice(invoice) };
    const inFlight = sqlite
      .prepare(
        "SELECT id FROM payments WHERE tenant_id = ? AND invoice_id = ? AND status = 'pending' LIMIT 1",
      )
      .get(command.tenantId, id);
    if (inFlight) {
      throw new DomainError(
        'CONFLICT',
        'A payment for this invoice is already under way; wait for its result before trying again',
      );
    }
    const method = chargeableMethod(sqlite, command, invoice);
    if (!method) {
      throw new DomainError('INVALID_STATE', 'This customer has no payment method to charge; add one first');
    }
    const attemptNumber = invoice.attempt_count + 1;
    const payment: ReplicaRow<'payments'> = {
      id: provisionalId('pay', command.outboxId),
      tenant_id: command.tenantId,
      customer_id: invoice.customer_id,
      invoice_id: invoice.id,
      payment_method_id: method.id,
      amount: due,
      currency: invoice.currency,
      status: 'pending',
      idempotency_key: `charge:${invoice.id}:${attemptNumber}`,
      gateway: method.gateway,
      gateway_ref: null,
      failure_code: null,
      failure_message: null,
      amount_refunded: 0,
      attempt_number: attemptNumber,
      created_at: command.madeAt,
      updated_at: command.madeAt,
    };
    writer.insert('payments', payment);
    const changes = { attempt_count: attemptNumber, updated_at: command.madeAt };
    writer.update('invoices', invoice.id, changes);
    return { outcome: 'in_progress', invoice: toInvoice({ ...invoice, ...changes }) };
  },
};

/** The currency live subscriptions bill the customer in (decision 22), or null. */
function liveCurrency(sqlite: Database.Database, tenantId: string, customerId: string): string | null {
  const row = sqlite
    .prepare(
      `SELECT currency FROM subscriptions
       WHERE tenant_id = ? AND customer_id = ? AND status != 'canceled' LIMIT 1`,
    )
    .get(tenantId, customerId) as { currency: string } | undefined;
  return row?.currency ?? null;
}

export const createManualInvoiceEffect: LocalEffect = {
  describe(sqlite, command) {
    const input = manualInvoiceInput.parse(command.input);
    const total = input.lines.reduce((t, line) => t + line.unitAmount * line.quantity, 0);
    const name = customerName(sqlite, command.tenantId, input.customerId);
    // The customer, not the draft: the draft's provisional id is gone once the server's invoice
    // arrives (or the server refuses it), while the customer's billing page shows either.
    return {
      label: `Invoice ${name} for ${amountText(total, input.currency)}`,
      record: { table: 'customers', key: input.customerId },
    };
  },

  apply(writer, command) {
    const input = manualInvoiceInput.parse(command.input);
    const { sqlite } = writer;
    const customer = loadRow(sqlite, 'customers', command.tenantId, input.customerId, 'Customer');
    if (customer.status !== 'active') {
      throw new DomainError(
        'INVALID_STATE',
        'This customer is archived; unarchive them before changing their billing',
      );
    }
    const inUse = liveCurrency(sqlite, command.tenantId, customer.id);
    if (inUse && inUse !== input.currency) {
      throw new DomainError(
        'INVALID_INPUT',
        `This customer already pays in ${inUse}; a customer is billed in one currency`,
        { currency: [`Bill this customer in ${inUse}`] },
      );
    }
    const id = provisionalId('inv', command.outboxId);
    const lines = input.lines.map((line, position) => ({
      id: provisionalId('il', command.outboxId * 1000 + position),
      tenant_id: command.tenantId,
      invoice_id: id,
      position,
      kind: line.unitAmount < 0 ? ('credit' as const) : ('one_off' as const),
      description: line.description,
      price_id: null,
      quantity: line.quantity,
      unit_amount: line.unitAmount,
      amount: multiply(money(line.unitAmount, input.currency), line.quantity).amount,
      period_start: null,
      period_end: null,
    }));
    const subtotal = sum(
      lines.map((line) => money(line.amount, input.currency)),
      input.currency,
    ).amount;
    // A draft until the server finalizes it: only the server numbers invoices (the replica may
    // not invent a number) and applies the credit balance, and a draft cannot be paid, voided
    // or refunded here before the server's invoice exists.
    const invoice: ReplicaRow<'invoices'> = {
      id,
      tenant_id: command.tenantId,
      customer_id: customer.id,
      subscription_id: null,
      number: null,
      status: 'draft',
      billing_reason: 'manual',
      currency: input.currency,
      subtotal,
      credit_applied: 0,
      total: subtotal,
      amount_due: Math.max(subtotal, 0),
      amount_paid: 0,
      amount_refunded: 0,
      period_start: null,
      period_end: null,
      attempt_count: 0,
      next_attempt_at: null,
      finalized_at: null,
      paid_at: null,
      voided_at: null,
      uncollectible_at: null,
      created_at: command.madeAt,
      updated_at: command.madeAt,
      managed_by: 'tollgate',
      gateway_ref: null,
    };
    writer.insert('invoices', invoice);
    for (const line of lines) writer.insert('invoice_lines', line);
    return toInvoice(invoice);
  },
};
