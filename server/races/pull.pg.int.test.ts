import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twoInstances, urlOf, type Instance, type TwoInstances } from './instances.test-kit';

/**
 * Decision 108, the classic trap: a change written by a transaction that commits AFTER a later
 * change of another instance must still reach a replica whose cursor already passed that later
 * change. The row log is numbered by the sequencer after commit, so it does.
 */

let race: TwoInstances;
let held: pg.Client;
beforeEach(async () => {
  race = await twoInstances();
  held = new pg.Client({ connectionString: await urlOf(race.one.database) });
  await held.connect();
});
afterEach(async () => {
  await held.end();
  await race.close();
});

/** The customers a page brings, by id (creating one also logs rows of other tables). */
const customersIn = (page: { changes: { table: string; key: string }[] }) =>
  page.changes.filter((c) => c.table === 'customers').map((c) => c.key);

/**
 * The platform owner walks the whole row log; a tenant's admin walks its tenant's
 * (tenant_id, seq) index merged with the tenant-less rows (decision 116): both must wait.
 */
const PULLERS = [
  {
    who: 'the platform owner (the whole log)',
    pull: (i: Instance, cursor: number) => i.as('owner', null).sync.pull({ cursor, limit: 1000 }),
  },
  {
    who: "the tenant's admin (its tenant's walk)",
    pull: (i: Instance, cursor: number) => i.as('adminA').sync.pull({ cursor, limit: 1000 }),
  },
];

describe.each(PULLERS)('a change committed out of order by another instance, pulled by $who', ({ pull }) => {
  it('is pulled after the cursor passed a later commit, and is invisible before its own', async () => {
    const early = await race.one
      .as('adminA')
      .customers.create({ name: 'Early', email: 'early@example.com', country: 'US' });
    const start = await pull(race.two, 0);
    expect(start.changes.some((c) => c.key === early.id)).toBe(true);

    // An instance's transaction writes a replicated row, and stays open.
    await held.query('BEGIN');
    const updated = await held.query(
      "UPDATE customers SET name = 'Held', updated_at = updated_at + 1 WHERE id = $1",
      [early.id],
    );
    expect(updated.rowCount).toBe(1);

    // Meanwhile the other instance commits a change, and a replica pulls past it.
    const late = await race.two
      .as('adminA')
      .customers.create({ name: 'Late', email: 'late@example.com', country: 'US' });
    const passed = await pull(race.two, start.cursor);
    expect(customersIn(passed)).toEqual([late.id]);
    expect(passed.cursor).toBeGreaterThan(start.cursor);
    // The failure mode: the held change is not visible to anyone before it commits.
    const again = await pull(race.one, start.cursor);
    expect(customersIn(again)).toEqual([late.id]);

    await held.query('COMMIT');
    // From the cursor that passed `late`, the replica still gets the held change.
    const after = await pull(race.one, passed.cursor);
    const arrived = after.changes.filter((c) => c.key === early.id);
    expect(arrived).toHaveLength(1);
    const [change] = arrived;
    expect(JSON.parse(change?.row ?? '{}')).toMatchObject({ name: 'Held' });
    expect(change?.seq).toBeGreaterThan(passed.cursor);
  });
});
