import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_SORT_FIELDS, type Customer } from '../../../shared/customers/schema';
import { bulkLoadCustomers } from '../../demo/bulk-load';
import { generateCustomers } from '../../demo/generator';
import { nameSortKey } from './sort-key';
import { insertCustomer } from './repo';
import { newId } from '../../../shared/ids';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, START, type TestWorld } from '../../testing/world.test-kit';

let world: TestWorld;
const TOTAL = 600;

/**
 * Loads generated customers into a tenant. SQLite: the demo's bulk loader (prepared statements
 * on the raw handle, as the demo workspace loads). PostgreSQL has no raw handle, so the same
 * customers go in through the repo's insert, in one transaction; listing reads only the
 * customer rows, which are the same either way.
 */
async function loadCustomers(tenantId: string, seed: number, count: number) {
  const customers = generateCustomers({ seed, count, now: START });
  if (world.database.dialect === 'sqlite') {
    bulkLoadCustomers(world.database.sqlite, {
      tenantId,
      customers,
      actorName: 'loader',
      client: 'test:loader',
    });
    return;
  }
  await world.database.db.transaction().execute(async (trx) => {
    for (const generated of customers) {
      await insertCustomer(trx, tenantId, {
        id: newId('cus', generated.createdAt),
        name: generated.name,
        email: generated.email,
        country: generated.country,
        company: generated.company,
        notes: null,
        status: 'active',
        version: 1,
        createdAt: generated.createdAt,
        updatedAt: generated.createdAt,
        archivedAt: null,
      });
    }
  });
}

beforeAll(async () => {
  world = await createTestWorld();
  await loadCustomers(world.tenants.A.id, 99, TOTAL);
  await loadCustomers(world.tenants.B.id, 100, 50);
  const someIds = await world.database.db
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', world.tenants.A.id)
    .orderBy('id')
    .limit(40)
    .execute();
  for (const { id } of someIds) await world.as('adminA').customers.archive({ id });
});
afterAll(async () => {
  await world?.close();
});

async function listAll(
  input: Parameters<ReturnType<TestWorld['as']>['customers']['list']>[0],
): Promise<Customer[]> {
  const items: Customer[] = [];
  let cursor: string | null = null;
  do {
    const page = await world.as('adminA').customers.list({ ...input, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** SQLite's NOCASE: folds ASCII letters only, then compares code points. */
const nocase = (value: string) => value.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
const order = <T>(x: T, y: T) => (x < y ? -1 : x > y ? 1 : 0);

function compareBy(field: (typeof CUSTOMER_SORT_FIELDS)[number]) {
  return (a: Customer, b: Customer) => {
    const x = a[field];
    const y = b[field];
    // Names sort by their folded key; email and country by SQLite's NOCASE.
    const key = field === 'name' ? nameSortKey : nocase;
    const primary =
      typeof x === 'number' && typeof y === 'number' ? x - y : order(key(String(x)), key(String(y)));
    return primary !== 0 ? primary : order(a.id, b.id);
  };
}

describe('customers.list', () => {
  it('shows only active customers by default, newest first, with the total on the first page', async () => {
    const page = await world.as('adminA').customers.list({ limit: 25 });
    expect(page.total).toBe(TOTAL - 40);
    expect(page.items).toHaveLength(25);
    expect(page.items.every((c) => c.status === 'active')).toBe(true);
    const created = page.items.map((c) => c.createdAt);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const next = await world.as('adminA').customers.list({ limit: 25, cursor: page.nextCursor });
    expect(next.total).toBeNull();
    expect(next.items[0]?.createdAt).toBeLessThanOrEqual(created.at(-1) ?? 0);
  });

  it('filters by status', async () => {
    expect((await world.as('adminA').customers.list({ status: 'archived' })).total).toBe(40);
    expect((await world.as('adminA').customers.list({ status: 'all' })).total).toBe(TOTAL);
  });

  it('pages through every row exactly once, in order, for every sort, direction and page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CUSTOMER_SORT_FIELDS),
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.integer({ min: 7, max: 250 }),
        fc.constantFrom('active' as const, 'all' as const),
        async (field, direction, limit, status) => {
          const items = await listAll({ sort: { field, direction }, limit, status });
          const expectedCount = status === 'all' ? TOTAL : TOTAL - 40;
          expect(items).toHaveLength(expectedCount);
          expect(new Set(items.map((c) => c.id)).size).toBe(expectedCount);
          const sorted = [...items].sort(compareBy(field));
          if (direction === 'desc') sorted.reverse();
          expect(items.map((c) => c.id)).toEqual(sorted.map((c) => c.id));
        },
      ),
      { numRuns: 12 },
    );
  });

  it('searches names and emails by word prefixes, ignoring case and accents', async () => {
    const all = await listAll({ status: 'all', limit: 1000 });
    const sample = all.find((c) => /[áéíóúüö]/i.test(c.name)) ?? all[0];
    if (!sample) throw new Error('no customers loaded');
    const [first = '', last = ''] = sample.name.split(' ');
    const plain = (s: string) =>
      s
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
    const found = await listAll({
      status: 'all',
      search: `${plain(first).slice(0, 3)} ${plain(last).slice(0, 2).toUpperCase()}`,
    });
    expect(found.map((c) => c.id)).toContain(sample.id);
    for (const c of found) {
      const words = plain(`${c.name} ${c.email} ${c.company ?? ''}`).split(/[^a-z0-9]+/);
      expect(words.some((w) => w.startsWith(plain(first).slice(0, 3)))).toBe(true);
    }
    const byEmail = await world.as('adminA').customers.list({ status: 'all', search: sample.email });
    expect(byEmail.items.map((c) => c.id)).toContain(sample.id);
    const nothing = await world.as('adminA').customers.list({ search: 'zzqqxx' });
    expect(nothing).toEqual({ items: [], nextCursor: null, total: 0, totalCapped: false });
  });

  it('filters by country and never returns another tenant’s rows', async () => {
    const all = await listAll({ status: 'all', limit: 1000 });
    const country = all[0]?.country ?? 'US';
    const inCountry = await listAll({ status: 'all', country });
    expect(inCountry.length).toBe(all.filter((c) => c.country === country).length);
    const tenantBIds = new Set(
      (
        await world.database.db
          .selectFrom('customers')
          .select('id')
          .where('tenant_id', '=', world.tenants.B.id)
          .execute()
      ).map((r) => r.id),
    );
    expect(all.some((c) => tenantBIds.has(c.id))).toBe(false);
  });

  it('refuses a forged cursor and out-of-range limits with a clear error', async () => {
    const seen = await expectDomainError(
      () => world.as('adminA').customers.list({ cursor: 'not-a-cursor' }),
      'INVALID_INPUT',
    );
    expect(seen.message).toMatch(/cursor is not valid/);
    await expectDomainError(() => world.as('adminA').customers.list({ limit: 0 }), 'INVALID_INPUT');
    await expectDomainError(() => world.as('adminA').customers.list({ limit: 5000 }), 'INVALID_INPUT');
    await expectDomainError(
      () => world.as('adminA').customers.list({ sort: { field: 'notes' as never, direction: 'asc' } }),
      'INVALID_INPUT',
    );
  });
});
