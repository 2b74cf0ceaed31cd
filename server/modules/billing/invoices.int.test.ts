import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const staff = () => world.as('billingA');
const seat = { description: 'Workshop seat', quantity: 2, unitAmount: 4500 };

describe('one-off invoices', () => {
  it('are numbered in sequence per tenant, opened, and paid from the default card', async () => {
    const { customerId } = await world.customerOnClock('Buyer', GOOD_CARD);
    const first = await staff().invoices.createManual({ customerId, currency: 'USD', lines: [seat] });
    // A credit line needs the refund permission: platform billing staff hold it, a tenant's billing role does not.
    const second = await world.as('owner', world.tenants.A.id).invoices.createManual({
      customerId,
      currency: 'USD',
      lines: [seat, { description: 'Goodwill credit', unitAmount: -1000 }],
    });
    expect([first.number, second.number]).toEqual(['INV-000001', 'INV-000002']);
    expect(second).toMatchObject({ status: 'open', subtotal: 8000, total: 8000, amountDue: 8000 });
    const lines = (await staff().invoices.get({ id: second.id })).lines;
    expect(lines.map((l) => [l.kind, l.amount])).toEqual([
      ['one_off', 9000],
      ['credit', -1000],
    ]);
    const paid = await staff().invoices.pay({ id: second.id });
    expect(paid).toMatchObject({ outcome: 'paid', invoice: { status: 'paid', amountPaid: 8000 } });
    // Tenant B counts its own invoices from 1.
    expect((await world.as('adminB').invoices.list({})).total).toBe(0);
  });

  it('report a decline with the gateway’s reason and stay open', async () => {
    const { customerId } = await world.customerOnClock('Declined', FAILING_CARD);
    const invoice = await staff().invoices.createManual({ customerId, currency: 'USD', lines: [seat] });
    const seen = await expectDomainError(() => staff().invoices.pay({ id: invoice.id }), 'PAYMENT_DECLINED');
    expect(seen.message).toMatch(/declined/i);
    expect((await staff().invoices.get({ id: invoice.id })).invoice.status).toBe('open');
  });

  it('can be voided only while unpaid, or written off as uncollectible', async () => {
    const { customerId } = await world.customerOnClock('Closer', GOOD_CARD);
    const a = await staff().invoices.createManual({ customerId, currency: 'USD', lines: [seat] });
    const b = await staff().invoices.createManual({ customerId, currency: 'USD', lines: [seat] });
    expect((await staff().invoices.void({ id: a.id })).status).toBe('void');
    expect((await staff().invoices.markUncollectible({ id: b.id })).status).toBe('uncollectible');
    const again = await expectDomainError(() => staff().invoices.void({ id: a.id }), 'INVALID_STATE');
    expect(again.message).toBe('Cannot void this invoice: it is void');
    await expectDomainError(() => staff().invoices.pay({ id: b.id }), 'INVALID_STATE');
  });
});

describe('finalized invoices', () => {
  it('cannot have their amounts or lines changed, even by direct SQL', async () => {
    const { customerId } = await world.customerOnClock('Immutable', GOOD_CARD);
    const invoice = await staff().invoices.createManual({ customerId, currency: 'USD', lines: [seat] });
    const db = world.database.db;
    const id = invoice.id;
    await expect(sql`UPDATE invoices SET total = 1 WHERE id = ${id}`.execute(db)).rejects.toThrow(
      /cannot change its amounts or lines/,
    );
    await expect(
      sql`UPDATE invoice_lines SET amount = 1 WHERE invoice_id = ${id}`.execute(db),
    ).rejects.toThrow(/cannot change/);
    await expect(sql`DELETE FROM invoice_lines WHERE invoice_id = ${id}`.execute(db)).rejects.toThrow(
      /cannot change/,
    );
    await expect(sql`UPDATE invoices SET status = 'draft' WHERE id = ${id}`.execute(db)).rejects.toThrow(
      /cannot return to draft/,
    );
    const voided = await sql`UPDATE invoices SET status = 'void' WHERE id = ${id}`.execute(db);
    expect(voided.numAffectedRows).toBe(1n);
  });

  it('have receipts as PDF and HTML, with the invoice number in the file name', async () => {
    const { customerId } = await world.customerOnClock('Receipt <Holder> & Co', GOOD_CARD);
    const invoice = await staff().invoices.createManual({ customerId, currency: 'USD', lines: [seat] });
    await staff().invoices.pay({ id: invoice.id });
    const pdf = await staff().receipts.get({ id: invoice.id, format: 'pdf' });
    expect(pdf).toMatchObject({
      filename: 'receipt-INV-000001.pdf',
      contentType: 'application/pdf',
      encoding: 'base64',
    });
    expect(Buffer.from(pdf.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const html = await staff().receipts.get({ id: invoice.id, format: 'html' });
    expect(html.content).toContain('INV-000001');
    expect(html.content).toContain('$90.00');
    expect(html.content).toContain('Receipt &lt;Holder&gt; &amp; Co');
    expect(html.content).not.toContain('<Holder>');
  });
});

describe('payment methods', () => {
  it('refuse a declined card at attach, saving nothing, and make the first card the default', async () => {
    const { customerId } = await world.customerOnClock('Cards');
    const seen = await expectDomainError(
      () => staff().paymentMethods.add({ customerId, source: '4000 0000 0000 0002' }),
      'PAYMENT_DECLINED',
    );
    expect(seen.data.fieldErrors?.source?.[0]).toMatch(/declined/i);
    expect((await staff().billing.customer({ customerId })).paymentMethods).toEqual([]);
    const first = await staff().paymentMethods.add({ customerId, source: GOOD_CARD });
    const second = await staff().paymentMethods.add({ customerId, source: '5555 5555 5555 4444' });
    expect([first.isDefault, second.isDefault]).toEqual([true, false]);
    await staff().paymentMethods.setDefault({ id: second.id });
    const methods = (await staff().billing.customer({ customerId })).paymentMethods;
    expect(methods.map((m) => `${m.brand} ${m.last4} ${m.isDefault ? 'default' : ''}`.trim()).sort()).toEqual(
      ['mastercard 4444 default', 'visa 4242'],
    );
    const stored = JSON.stringify(
      await world.database.db.selectFrom('payment_methods').selectAll().execute(),
    );
    expect(stored).not.toContain('4242424242424242');
  });
});
