import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerListInput, type CustomerListInput } from '../../../shared/customers/schema';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { selectCustomerPage } from './repo';

/**
 * The customers list's word search picks its form by how many customers match
 * (matched-customers.ts): their ids when few, the list walked in its sort order against the
 * set when many. Both must give the very same pages and totals: each search is listed with
 * the form forced each way (a cap of 0 makes any match "many", a large cap makes it "few"; on
 * SQLite the list keeps its one form, so both runs must still agree).
 */
let world: TestWorld;
const NAMES = ['Marigold Okafor', 'Mariam Obi', 'Zelda Quist', 'Omar Marsh', 'Ada Lovelace', 'Ines Marnier'];
const nameOf = new Map<string, string>();

beforeAll(async () => {
  world = await createTestWorld();
  for (const [i, name] of NAMES.entries()) {
    const customer = await world
      .as('adminA')
      .customers.create({ name, email: `forms${i}@example.com`, country: 'US' });
    nameOf.set(customer.id, name);
  }
});
afterAll(async () => {
  await world.close();
});

const FORMS = { many: 0, few: 10_000 } as const;
type Listed = { items: { id: string }[]; nextCursor: string | null; total: number | null };

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

const SEARCHES: [string, string[]][] = [
  ['zzqqxx', []],
  ['zelda', ['Zelda Quist']],
  ['mar', ['Marigold Okafor', 'Mariam Obi', 'Omar Marsh', 'Ines Marnier']],
];

describe('the customers list searched by words', () => {
  const query = (input: CustomerListInput) => {
    const parsed = customerListInput.parse(input);
    return { ...parsed, country: parsed.country ?? null, cursor: parsed.cursor ?? null };
  };
  for (const [search, names] of SEARCHES) {
    it(`"${search}" gives the same pages either way, newest first and by name`, async () => {
      for (const sort of [undefined, { field: 'name', direction: 'asc' } as const]) {
        const run = (cursor: string | null, cap: number) =>
          selectCustomerPage(
            world.database.db,
            world.tenants.A.id,
            query({ search, sort, cursor, limit: 2 }),
            {
              fewMatchesCap: cap,
            },
          );
        const few = await allPages((cursor) => run(cursor, FORMS.few));
        const many = await allPages((cursor) => run(cursor, FORMS.many));
        expect(few.ids.map((id) => nameOf.get(id)).sort()).toEqual([...names].sort());
        expect(many.ids).toEqual(few.ids);
        expect(many.total).toBe(names.length);
        expect(few.total).toBe(names.length);
      }
    });
  }
});
