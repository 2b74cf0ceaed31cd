import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fixture } from '../../app/isolation-attempts.test-kit';
import { seedTenantB } from '../../app/isolation-fixture.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { searchEverything } from './service';

/**
 * search.find against tenant B's seeded customer (Bertha Benz), her card, paid
 * subscription, invoice, payment and receipt email: each kind of key finds its object,
 * only in the caller's tenant, and only kinds the caller may read.
 */

let world: TestWorld;
let f: Fixture;
beforeEach(async () => {
  world = await createTestWorld();
  f = await seedTenantB(world);
});
afterEach(async () => {
  await world.close();
});

const inB = () => world.as('owner', world.tenants.B.id).search;
const find = async (query: string) => (await inB().find({ query })).hits;
const invoiceNumber = async (id: string) =>
  (
    await world.database.db
      .selectFrom('invoices')
      .select('number')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).number ?? '';

describe('search.find', () => {
  it('finds an invoice by its number, typed in full, without the prefix, or as bare digits', async () => {
    const number = await invoiceNumber(f.bInvoiceId);
    expect(number).toMatch(/^INV-\d{6}$/);
    for (const query of [number, number?.toLowerCase(), String(Number(number?.slice(4)))]) {
      const [first] = await find(query ?? '');
      expect(first, query).toMatchObject({
        kind: 'invoice',
        id: f.bInvoiceId,
        title: number,
        detail: 'Bertha Benz',
        matched: 'number',
        open: { area: 'invoices', id: f.bInvoiceId },
      });
      expect(first?.amount).toBe(4200);
    }
  });

  it('finds each kind by its id, with the exact match first', async () => {
    const cases = [
      [f.bCustomerId, 'customer', { area: 'customers', id: f.bCustomerId }],
      [f.bInvoiceId, 'invoice', { area: 'invoices', id: f.bInvoiceId }],
      [f.bSubscriptionId, 'subscription', { area: 'subscriptions', id: f.bSubscriptionId }],
      // A payment opens on its invoice, which shows its payments.
      [f.bPaymentId, 'payment', { area: 'invoices', id: f.bInvoiceId }],
      [f.bEmailId, 'email', { area: 'emails', id: f.bEmailId }],
      // A card's id finds who holds it.
      [f.bPaymentMethodId, 'customer', { area: 'customers', id: f.bCustomerId }],
    ] as const;
    for (const [id, kind, open] of cases) {
      const hits = await find(id);
      expect(hits[0], id).toMatchObject({ kind, open });
    }
  });

  it('finds a Stripe reference of a customer', async () => {
    await world.database.db
      .updateTable('customers')
      .set({ gateway_customer_ref: 'cus_QxStripe123' })
      .where('id', '=', f.bCustomerId)
      .execute();
    expect((await find('cus_QxStripe123'))[0]).toMatchObject({ id: f.bCustomerId, matched: 'reference' });
  });

  it('finds the customer and the emails sent to an email address, by its beginning, in any case', async () => {
    const hits = await find('BERTHA@b.ex');
    expect(hits.map((h) => [h.kind, h.matched])).toEqual([
      ['customer', 'email'],
      ['email', 'email'],
    ]);
    expect(hits[0]?.id).toBe(f.bCustomerId);
    expect(hits[1]).toMatchObject({ id: f.bEmailId, detail: 'bertha@b.example' });
  });

  it('finds a customer by name, and cards’ holders by the last four digits', async () => {
    expect((await find('bertha be')).map((h) => [h.kind, h.id])).toEqual([['customer', f.bCustomerId]]);
    const byCard = await find('4242');
    expect(byCard.filter((h) => h.kind === 'customer')).toEqual([
      expect.objectContaining({ id: f.bCustomerId, matched: 'card' }),
    ]);
  });

  it('keeps to the limit per kind, and finds nothing for an empty query', async () => {
    for (const name of ['Bertha One', 'Bertha Two', 'Bertha Three']) {
      await world
        .as('adminB')
        .customers.create({ name, email: `${name.replace(' ', '.')}@b.example`, country: 'DE' });
    }
    expect(await inB().find({ query: 'bertha', limit: 2 })).toEqual({
      hits: [expect.anything(), expect.anything()],
    });
    expect(await inB().find({ query: '  ' })).toEqual({ hits: [] });
  });

  it('finds nothing of another tenant, by any key, from inside your own', async () => {
    const number = await invoiceNumber(f.bInvoiceId);
    const keys = [
      f.bCustomerId,
      f.bInvoiceId,
      f.bSubscriptionId,
      f.bPaymentId,
      f.bEmailId,
      f.bPaymentMethodId,
      number ?? '',
      'bertha@b.example',
      'Bertha',
      '4242',
    ];
    for (const query of keys) {
      const found = await world.as('adminA').search.find({ query });
      expect(JSON.stringify(found), query).not.toContain('Bertha');
      expect(JSON.stringify(found), query).not.toContain('bertha');
    }
    await expectDomainError(
      () => world.as('adminA', world.tenants.B.id).search.find({ query: 'Bertha' }),
      'FORBIDDEN',
    );
  });

  it('leaves out every kind the caller may not read', async () => {
    const scope = (may: (p: string) => boolean) => ({
      db: world.database.db,
      tenantId: world.tenants.B.id,
      may,
    });
    const number = await invoiceNumber(f.bInvoiceId);
    const withoutBilling = await searchEverything(
      scope((p) => p !== 'billing.read'),
      { query: 'bertha@b', limit: 5 },
    );
    expect(withoutBilling.hits.map((h) => h.kind)).toEqual(['customer']);
    expect(
      (
        await searchEverything(
          scope((p) => p !== 'billing.read'),
          { query: number ?? '', limit: 5 },
        )
      ).hits,
    ).toEqual([]);
    expect(
      (
        await searchEverything(
          scope((p) => p !== 'billing.read'),
          { query: f.bPaymentId, limit: 5 },
        )
      ).hits,
    ).toEqual([]);
    const withoutCustomers = await searchEverything(
      scope((p) => p !== 'customers.read'),
      { query: 'bertha@b', limit: 5 },
    );
    expect(withoutCustomers.hits.map((h) => h.kind)).toEqual(['email']);
  });

  it('answers the card and recipient keys from migration 11’s indexes, not a scan', async () => {
    if (world.database.dialect === 'sqlite') {
      const plan = (query: string) =>
        (
          world.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all('t', 'x', 'y') as {
            detail: string;
          }[]
        )
          .map((row) => row.detail)
          .join('; ');
      expect(
        plan('SELECT customer_id FROM payment_methods WHERE tenant_id = ? AND last4 = ? AND status = ?'),
      ).toContain('USING INDEX payment_methods_last4');
      expect(
        plan(
          'SELECT id FROM email_outbox WHERE tenant_id = ? AND recipient COLLATE NOCASE >= ? AND recipient COLLATE NOCASE < ?',
        ),
      ).toContain('USING INDEX email_outbox_recipient');
      return;
    }
    // PostgreSQL plans the test's near-empty tables as scans whatever the indexes; with scans
    // priced out it still picks one where no index can answer, so naming the index proves one can.
    const plan = (query: string) =>
      world.database.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${sql.raw(query)}`.execute(trx);
        return rows.map((row) => row['QUERY PLAN']).join('; ');
      });
    expect(
      await plan(
        "SELECT customer_id FROM payment_methods WHERE tenant_id = 't' AND last4 = 'x' AND status = 'y'",
      ),
    ).toContain('payment_methods_last4');
    // The form search/repo.ts queries on PostgreSQL: the index holds lower(recipient).
    expect(
      await plan(
        "SELECT id FROM email_outbox WHERE tenant_id = 't' AND lower(recipient) >= 'x' AND lower(recipient) < 'y'",
      ),
    ).toContain('email_outbox_recipient');
  });

  it('refuses a query that is not text, naming the field', async () => {
    const seen = await expectDomainError(
      () => inB().find({ query: 42 as unknown as string }),
      'INVALID_INPUT',
    );
    expect(JSON.stringify(seen.data)).toContain('query');
  });
});
