import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invoiceDisplayStatus } from '../../../../shared/billing/refund-state';
import { DAY_MS } from '../../../../shared/billing/periods';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../../testing/billing.test-kit';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { START } from '../../../testing/world.test-kit';

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const staff = () => world.as('billingA');
const refunder = () => world.as('owner', world.tenants.A.id);
const seat = { description: 'Workshop seat', quantity: 1, unitAmount: 4900 };

/** A paid €49 invoice per day from START, on one customer's clock; returns them oldest first. */
async function paidInvoices(days: number) {
  const { customerId, clockId } = await world.customerOnClock('Refundee', GOOD_CARD);
  const invoices = [];
  for (let day = 0; day < days; day++) {
    if (day > 0) await world.advance(clockId, START + day * DAY_MS);
    const invoice = await staff().invoices.createManual({ customerId, currency: 'USD', lines: [seat] });
    const paid = await staff().invoices.pay({ id: invoice.id });
    if (paid.invoice.status !== 'paid') throw new Error('expected a paid invoice');
    invoices.push(paid.invoice);
  }
  return { customerId, invoices };
}

async function refund(invoiceId: string, amount?: number) {
  const detail = await staff().invoices.get({ id: invoiceId });
  const payment = detail.payments[0];
  if (!payment) throw new Error('expected a payment');
  return refunder().payments.refund({ paymentId: payment.id, amount, reason: 'requested_by_customer' });
}

const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

describe('the invoices list’s refund filter', () => {
  it('finds partially and fully refunded invoices, as their status reads, newest first', async () => {
    const { invoices } = await paidInvoices(4);
    const [untouched, partial, full, twice] = invoices.map((i) => i.id) as [string, string, string, string];
    await refund(partial, 2000);
    await refund(full);
    await refund(twice, 1000);
    await refund(twice, 3900);

    const any = await staff().invoices.list({ refund: 'any' });
    expect(ids(any)).toEqual([twice, full, partial]);
    expect(any.total).toBe(3);
    expect(ids(await staff().invoices.list({ refund: 'partially_refunded' }))).toEqual([partial]);
    expect(ids(await staff().invoices.list({ refund: 'refunded' }))).toEqual([twice, full]);

    // The list says what the filter chose, by the rule the receipt uses.
    const all = await staff().invoices.list({});
    const said = Object.fromEntries(all.items.map((i) => [i.id, invoiceDisplayStatus(i)]));
    expect(said).toEqual({
      [untouched]: 'paid',
      [partial]: 'partially_refunded',
      [full]: 'refunded',
      [twice]: 'refunded',
    });
    // And the customer's page reads the same rows.
    const partialRow = all.items.find((i) => i.id === partial);
    expect(partialRow).toMatchObject({ amountPaid: 4900, amountRefunded: 2000 });
  });

  it('pages by keys through refunded invoices only', async () => {
    const { invoices } = await paidInvoices(5);
    for (const invoice of invoices) await refund(invoice.id, 100);
    const first = await staff().invoices.list({ refund: 'partially_refunded', limit: 2 });
    const second = await staff().invoices.list({
      refund: 'partially_refunded',
      limit: 2,
      cursor: first.nextCursor,
    });
    const third = await staff().invoices.list({
      refund: 'partially_refunded',
      limit: 2,
      cursor: second.nextCursor,
    });
    expect([...ids(first), ...ids(second), ...ids(third)]).toEqual(invoices.map((i) => i.id).reverse());
    expect(third.nextCursor).toBeNull();
    expect(first.total).toBe(5);
    expect(second.total).toBeNull();
  });

  it('is answered from the partial index of refunded invoices', async () => {
    const query = `SELECT id FROM invoices WHERE tenant_id = '${world.tenants.A.id}' AND invoices.amount_refunded > 0
         ORDER BY created_at DESC, id DESC LIMIT 10`;
    if (world.database.dialect === 'sqlite') {
      const plan = world.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX invoices_refunded/);
      return;
    }
    // PostgreSQL plans a test's few rows as a scan whatever the indexes; with scans priced out
    // it picks the cheapest index that answers, which is the partial one if it can.
    const plan = await world.database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${sql.raw(query)}`.execute(trx);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index (Only )?Scan (Backward )?using invoices_refunded on invoices/);
    expect(plan).not.toContain('Sort');
  });
});

describe('the invoices list’s issue dates', () => {
  it('keeps invoices issued from the first moment up to, not including, the last', async () => {
    const { invoices } = await paidInvoices(4);
    const [, day1, day2] = invoices.map((i) => i.id);
    const page = await staff().invoices.list({ issuedFrom: START + DAY_MS, issuedTo: START + 3 * DAY_MS });
    expect(ids(page)).toEqual([day2, day1]);
    expect(page.total).toBe(2);
    const combined = await staff().invoices.list({ issuedFrom: START + DAY_MS, refund: 'any' });
    expect(combined.items).toEqual([]);
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const seen = await expectDomainError(
      () => staff().invoices.list({ issuedFrom: START + DAY_MS, issuedTo: START }),
      'INVALID_INPUT',
    );
    expect(seen.data.fieldErrors).toMatchObject({ issuedTo: ['Issued to must be after issued from'] });
  });
});

describe('a customer’s refunds', () => {
  it('are listed newest first with their amount, date, payment and whether they were whole', async () => {
    const { customerId, invoices } = await paidInvoices(2);
    const [a, b] = invoices.map((i) => i.id) as [string, string];
    await refund(a, 2000);
    await refund(b);
    const summary = await staff().billing.customer({ customerId });
    expect(summary.refunds.map((r) => [r.invoiceId, r.amount, r.paymentAmount, r.extent])).toEqual([
      [b, 4900, 4900, 'full'],
      [a, 2000, 4900, 'partial'],
    ]);
    expect(summary.refunds[1]).toMatchObject({
      status: 'succeeded',
      currency: 'USD',
      createdAt: START + DAY_MS,
    });
    expect(summary.invoices.find((i) => i.id === a)).toMatchObject({ amountRefunded: 2000 });
  });
});
