import { describe, expect, it } from 'vitest';
import { newId } from '../../../../shared/ids';
import { createManualInvoiceEffect, payInvoiceEffect } from './invoices';
import { isProvisionalId } from './provisional-id';
import {
  localCommand,
  MADE_AT,
  refusal,
  replicaForEachTest,
  seedCustomer,
  seedDefaultCard,
  seedRow,
  TENANT,
} from './replica.test-kit';

const local = replicaForEachTest();

function openInvoice(customerId: string, fields: Record<string, unknown> = {}) {
  const invoice = {
    id: newId('inv'),
    tenant_id: TENANT,
    customer_id: customerId,
    number: 'INV-000007',
    status: 'open',
    billing_reason: 'manual',
    currency: 'EUR',
    subtotal: 4200,
    total: 4200,
    amount_due: 4200,
    attempt_count: 1,
    created_at: 1,
    updated_at: 1,
    ...fields,
  };
  seedRow(local.sqlite, 'invoices', invoice);
  return invoice;
}

const paymentsOf = (invoiceId: string) =>
  local.sqlite.prepare('SELECT * FROM payments WHERE invoice_id = ?').all(invoiceId) as Record<
    string,
    unknown
  >[];

describe('invoices.pay on the replica', () => {
  it('records a pending attempt for what is due on the default card, never a paid invoice', () => {
    const ada = seedCustomer(local.sqlite);
    const card = seedDefaultCard(local.sqlite, ada.id);
    const invoice = openInvoice(ada.id, { amount_paid: 200 });
    const { result } = local.apply(payInvoiceEffect, { id: invoice.id });
    expect(result).toMatchObject({
      outcome: 'in_progress',
      invoice: { id: invoice.id, status: 'open', attemptCount: 2 },
    });
    const [payment] = paymentsOf(invoice.id);
    expect(payment).toMatchObject({
      status: 'pending',
      amount: 4000,
      currency: 'EUR',
      payment_method_id: card.id,
      attempt_number: 2,
      created_at: MADE_AT,
    });
    expect(isProvisionalId(String(payment?.id))).toBe(true);
    expect(
      local.sqlite.prepare('SELECT status, attempt_count FROM invoices WHERE id = ?').get(invoice.id),
    ).toEqual({ status: 'open', attempt_count: 2 });
  });

  it('refuses a second Pay now while one is pending, as the server does', () => {
    const ada = seedCustomer(local.sqlite);
    seedDefaultCard(local.sqlite, ada.id);
    const invoice = openInvoice(ada.id);
    local.apply(payInvoiceEffect, { id: invoice.id });
    const twice = refusal(() => local.apply(payInvoiceEffect, { id: invoice.id }));
    expect(twice.code).toBe('CONFLICT');
    expect(paymentsOf(invoice.id)).toHaveLength(1);
  });

  it('refuses an invoice that is not open, one Stripe collects, and a customer without a card', () => {
    const ada = seedCustomer(local.sqlite);
    const paid = openInvoice(ada.id, { status: 'paid', number: 'INV-000008' });
    expect(refusal(() => local.apply(payInvoiceEffect, { id: paid.id })).message).toBe(
      'Only an open invoice can be paid; this one is paid',
    );
    const stripe = openInvoice(ada.id, { managed_by: 'stripe', number: 'INV-000009' });
    expect(refusal(() => local.apply(payInvoiceEffect, { id: stripe.id })).code).toBe('INVALID_STATE');
    const open = openInvoice(ada.id, { number: 'INV-000010' });
    expect(refusal(() => local.apply(payInvoiceEffect, { id: open.id })).message).toMatch(
      /no payment method/,
    );
    expect(paymentsOf(open.id)).toEqual([]);
  });

  it('is labelled with what is due and the invoice number', () => {
    const ada = seedCustomer(local.sqlite);
    const invoice = openInvoice(ada.id);
    expect(payInvoiceEffect.describe(local.sqlite, localCommand({ id: invoice.id }))).toEqual({
      label: 'Charge €42.00 for INV-000007 now',
      record: { table: 'invoices', key: invoice.id },
    });
  });
});

describe('invoices.createManual on the replica', () => {
  const input = (customerId: string) => ({
    customerId,
    currency: 'usd',
    lines: [
      { description: 'Setup fee', unitAmount: 5000 },
      { description: 'Course bundle', quantity: 2, unitAmount: 1500 },
      { description: 'Welcome discount', unitAmount: -1000 },
    ],
  });

  it('adds the draft the server starts from, with its lines and total, numbered only by the server', () => {
    const ada = seedCustomer(local.sqlite);
    const { result } = local.apply(createManualInvoiceEffect, input(ada.id), 31);
    const invoice = result as { id: string };
    expect(isProvisionalId(invoice.id)).toBe(true);
    expect(result).toMatchObject({
      customerId: ada.id,
      number: null,
      status: 'draft',
      billingReason: 'manual',
      currency: 'USD',
      subtotal: 7000,
      total: 7000,
      amountDue: 7000,
      creditApplied: 0,
      createdAt: MADE_AT,
    });
    const drafts = local.sqlite
      .prepare("SELECT n FROM list_counts WHERE tenant_id = ? AND list = 'invoices' AND key = 'draft'")
      .get(TENANT);
    expect(drafts).toEqual({ n: 1 });
    const lines = local.sqlite
      .prepare(
        'SELECT position, kind, description, quantity, unit_amount, amount FROM invoice_lines WHERE invoice_id = ? ORDER BY position',
      )
      .all(invoice.id);
    expect(lines).toEqual([
      {
        position: 0,
        kind: 'one_off',
        description: 'Setup fee',
        quantity: 1,
        unit_amount: 5000,
        amount: 5000,
      },
      {
        position: 1,
        kind: 'one_off',
        description: 'Course bundle',
        quantity: 2,
        unit_amount: 1500,
        amount: 3000,
      },
      {
        position: 2,
        kind: 'credit',
        description: 'Welcome discount',
        quantity: 1,
        unit_amount: -1000,
        amount: -1000,
      },
    ]);
  });

  it('refuses an archived customer and a second currency while subscriptions bill in one', () => {
    const archived = seedCustomer(local.sqlite, { status: 'archived', email: 'old@example.com' });
    expect(refusal(() => local.apply(createManualInvoiceEffect, input(archived.id))).code).toBe(
      'INVALID_STATE',
    );
    const ada = seedCustomer(local.sqlite);
    seedRow(local.sqlite, 'subscriptions', {
      id: newId('sub'),
      tenant_id: TENANT,
      customer_id: ada.id,
      plan_id: newId('pln'),
      price_id: newId('pri'),
      quantity: 1,
      currency: 'EUR',
      status: 'active',
      billing_anchor: 1,
      current_period_start: 1,
      current_period_end: 2,
      trial_end_behavior: 'cancel',
      version: 1,
      created_at: 1,
      updated_at: 1,
    });
    const other = refusal(() => local.apply(createManualInvoiceEffect, input(ada.id)));
    expect(other.fieldErrors).toEqual({ currency: ['Bill this customer in EUR'] });
  });

  it('is labelled with the customer and the total', () => {
    const ada = seedCustomer(local.sqlite);
    expect(createManualInvoiceEffect.describe(local.sqlite, localCommand(input(ada.id), 31))).toEqual({
      label: 'Invoice Ada Lovelace for $70.00',
      record: { table: 'customers', key: ada.id },
    });
  });
});
