import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceListInput, paymentListInput, subscriptionListInput } from '../../../../shared/billing/schema';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../../testing/billing.test-kit';
import { dialectOf } from '../../../db/dialect';
import {
  customerSearchMatch,
  inMatchedCustomers,
  listSourceFor,
  matchedCustomers,
  type MatchedCustomers,
} from '../../customers';
import { listInvoices } from './list-invoices';
import { listPayments } from './list-payments';
import { listSubscriptions } from './list-subscriptions';

/**
 * A customer search picks its query's form by how many customers match: their ids walked per
 * customer when few, the list walked in its order against the set when many
 * (customers/matched-customers.ts). Both must give the very same pages, totals and cursors:
 * here each search is listed with the form forced each way (a cap of 0 makes any match "many",
 * a large cap makes it "few"), page by page, and against the unfiltered list. The customers
 * list's own search: customers/search-forms.int.test.ts.
 */
let world: BillingWorld;
const NAMES = ['Marigold Okafor', 'Mariam Obi', 'Zelda Quist', 'Omar Marsh', 'Ada Lovelace', 'Ines Marnier'];
const customerOf = new Map<string, string>();

beforeAll(async () => {
  world = await createBillingWorld();
  const staff = world.as('billingA');
  for (const name of NAMES) {
    const { customerId } = await world.customerOnClock(name, GOOD_CARD);
    customerOf.set(customerId, name);
    await staff.subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 0,
    });
  }
});
afterAll(async () => {
  await world.close();
});

/** A cap of 0 makes any match "many"; a large one makes it "few"; a carried-ids cap of 0 makes SQLite's set a subquery. */
type Form = { fewMatchesCap: number; carriedIdsCap?: number };
const FORMS = {
  few: { fewMatchesCap: 10_000 },
  many: { fewMatchesCap: 0 },
  manyBySubquery: { fewMatchesCap: 0, carriedIdsCap: 0 },
} as const satisfies Record<string, Form>;
type Listed = {
  items: { id: string; customerId?: string }[];
  nextCursor: string | null;
  total: number | null;
};

/** Every page of a list (two rows a page), with the first page's total. */
async function allPages(list: (cursor: string | null) => Promise<Listed>) {
  const pages: Listed[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(cursor);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 20);
  return { ids: pages.flatMap((page) => page.items.map((item) => item.id)), total: pages[0]?.total, pages };
}

const billingLists = {
  invoices: (search: string, cursor: string | null, form: Form) =>
    listInvoices(
      world.database.db,
      world.tenants.A.id,
      invoiceListInput.parse({ search, cursor, limit: 2 }),
      form,
    ),
  payments: (search: string, cursor: string | null, form: Form) =>
    listPayments(
      world.database.db,
      world.tenants.A.id,
      paymentListInput.parse({ search, cursor, limit: 2 }),
      form,
    ),
  subscriptions: (search: string, cursor: string | null, form: Form) =>
    listSubscriptions(
      world.database.db,
      world.tenants.A.id,
      subscriptionListInput.parse({ search, cursor, limit: 2 }),
      form,
    ),
};

/** Search → the customers' names it must find (word prefixes of a name). */
const SEARCHES: [string, string[]][] = [
  ['zzqqxx', []],
  ['zelda', ['Zelda Quist']],
  ['mar', ['Marigold Okafor', 'Mariam Obi', 'Omar Marsh', 'Ines Marnier']],
];

/** The plan of the invoices list's first page filtered by `matched`, as the list builds it. */
async function invoicesPagePlan(matched: MatchedCustomers): Promise<string> {
  const { db } = world.database;
  return planOf(
    listSourceFor(db, 'invoices', matched, 'list')
      .select(['invoices.id', 'invoices.created_at'])
      .where('invoices.tenant_id', '=', world.tenants.A.id)
      .where(inMatchedCustomers(matched, 'invoices.customer_id', 'list'))
      .orderBy('invoices.created_at', 'desc')
      .orderBy('invoices.id', 'desc')
      .limit(3)
      .compile(),
  );
}

describe('a billing list searched by customer', () => {
  for (const [list, run] of Object.entries(billingLists)) {
    for (const [search, names] of SEARCHES) {
      it(`${list}: "${search}" gives the same pages either way, and the rows of ${names.length} customers`, async () => {
        const everything = await allPages((cursor) => run('', cursor, FORMS.few));
        const expected = everything.pages
          .flatMap((page) => page.items)
          .filter((item) => names.includes(customerOf.get(item.customerId ?? '') ?? ''))
          .map((item) => item.id);
        const few = await allPages((cursor) => run(search, cursor, FORMS.few));
        expect(few.ids).toEqual(expected);
        expect(few.total).toBe(expected.length);
        for (const form of [FORMS.many, FORMS.manyBySubquery]) {
          const many = await allPages((cursor) => run(search, cursor, form));
          expect(many.ids).toEqual(expected);
          expect(many.total).toBe(expected.length);
          expect(many.pages.map((page) => page.nextCursor)).toEqual(few.pages.map((page) => page.nextCursor));
        }
      });
    }
  }
});

/** The plan of `query` on this test's database, one line per step. */
async function planOf(query: { sql: string; parameters: readonly unknown[] }) {
  const { db } = world.database;
  const dialect = dialectOf(db);
  const explain = dialect === 'postgres' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN';
  return db.transaction().execute(async (trx) => {
    // A tiny table is read whole unless scans are off; with them off, the usable index is used.
    if (dialect === 'postgres') await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    const { rows } = await trx.executeQuery<Record<string, string>>(
      CompiledQuery.raw(`${explain} ${query.sql}`, [...query.parameters]),
    );
    return rows.map((row) => row['QUERY PLAN'] ?? row.detail ?? '').join('\n');
  });
}

async function manyMatches(carriedIdsCap: number | undefined) {
  const { db } = world.database;
  const match = customerSearchMatch(dialectOf(db), 'mar');
  if (!match) throw new Error('"mar" is a search');
  const matched = await matchedCustomers(db, world.tenants.A.id, match, 0, carriedIdsCap);
  expect(matched.kind).toBe('many');
  return matched;
}

describe('the "many" form of a customer search', () => {
  // SQLite carries the matched ids as one JSON value (or, past its cap, a subquery); PostgreSQL a hashed subplan.
  for (const carriedIdsCap of [undefined, 0]) {
    const label = `carried ids cap: ${carriedIdsCap ?? 'default'}`;
    it(`walks the list index alone and probes a set built once (${label})`, async () => {
      const { db } = world.database;
      const matched = await manyMatches(carriedIdsCap);
      const plan = await invoicesPagePlan(matched);
      // The list index carries the customer (migration 0024): no table read per walked row.
      const postgres = dialectOf(db) === 'postgres';
      expect(plan).toMatch(
        postgres ? /Index Only Scan Backward using invoices_list/ : /COVERING INDEX invoices_list/,
      );
      expect(plan).not.toContain('invoices_customer');
      if (postgres) expect(plan).toMatch(/hashed SubPlan/);
      else expect(plan).toMatch(carriedIdsCap === 0 ? /LIST SUBQUERY[\s\S]*customers_fts/ : /json_each/);
    });

    it(`counts its capped total driven by the matches, on the customer index (${label})`, async () => {
      const { db } = world.database;
      const matched = await manyMatches(carriedIdsCap);
      const plan = await planOf(
        listSourceFor(db, 'invoices', matched, 'customers')
          .select(sql<number>`1`.as('one'))
          .where('invoices.tenant_id', '=', world.tenants.A.id)
          .where(inMatchedCustomers(matched, 'invoices.customer_id', 'customers'))
          .limit(1001)
          .compile(),
      );
      expect(plan).toContain('invoices_customer');
      expect(plan).not.toContain('invoices_list');
      // SQLite with carried ids: the ids are the outer loop (their scan comes first), not a set built whole.
      if (dialectOf(db) === 'sqlite' && carriedIdsCap !== 0) {
        expect(plan).toMatch(/SCAN carried_ids[\s\S]*invoices_customer/);
      }
    });
  }
});

describe('the "few" form of a customer search', () => {
  it('reads the rows of those customers on the customer index on SQLite, never walking the list index', async () => {
    const { db } = world.database;
    const match = customerSearchMatch(dialectOf(db), 'zelda');
    if (!match) throw new Error('"zelda" is a search');
    const matched = await matchedCustomers(db, world.tenants.A.id, match, 10_000);
    expect(matched.kind).toBe('few');
    const plan = await invoicesPagePlan(matched);
    // Since invoices_list carries customer_id, SQLite preferred walking it for `IN (…)` (190 ms against 1 ms
    // for 13 customers at 300,000 invoices): the ids now drive a CROSS JOIN. PostgreSQL chooses by cost, and on
    // a table this small rightly walks the list (at 300,000 invoices it reads invoices_customer and sorts).
    if (dialectOf(db) === 'sqlite') {
      expect(plan).toMatch(/SCAN carried_ids[\s\S]*invoices_customer/);
      expect(plan).not.toContain('invoices_list');
    }
  });
});
