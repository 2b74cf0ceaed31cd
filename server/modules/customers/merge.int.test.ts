import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

const ada = { name: 'Ada Lovelace', email: 'ada@example.com', country: 'GB', company: 'Acme' };

const customerRow = (id: string) =>
  world.database.db
    .selectFrom('customers')
    .select(['name', 'company', 'notes', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
const auditCount = async () =>
  (
    await world.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('customers.update with base: a per-field three-way merge', () => {
  it('applies two edits made from the same version to different fields', async () => {
    const created = await world.as('adminA').customers.create(ada);
    await world.as('adminA').customers.update({
      id: created.id,
      base: { name: 'Ada Lovelace' },
      patch: { name: 'Ada King' },
    });
    const second = await world.as('billingA').customers.update({
      id: created.id,
      base: { company: 'Acme' },
      patch: { company: 'Acme Ltd' },
    });
    expect(second).toMatchObject({ name: 'Ada King', company: 'Acme Ltd', version: 3 });
  });

  it('refuses the same field changed by both with both values, and writes nothing', async () => {
    const created = await world.as('adminA').customers.create(ada);
    await world.as('adminA').customers.update({
      id: created.id,
      base: { company: 'Acme' },
      patch: { company: 'Theirs Inc' },
    });
    const before = { row: await customerRow(created.id), audit: await auditCount() };
    const seen = await expectDomainError(
      () =>
        world.as('billingA').customers.update({
          id: created.id,
          base: { company: 'Acme', notes: null },
          patch: { company: 'Mine Ltd', notes: 'VIP' },
        }),
      'CONFLICT',
    );
    expect(seen.data.conflicts).toEqual([{ field: 'company', theirs: 'Theirs Inc', yours: 'Mine Ltd' }]);
    expect(seen.data.fieldErrors).toBeUndefined();
    expect(seen.message).toMatch(/company \(now “Theirs Inc”\)/);
    expect({ row: await customerRow(created.id), audit: await auditCount() }).toEqual(before);
  });

  it("never lets a user's consecutive edits of one field conflict: each base is the last value", async () => {
    const created = await world.as('adminA').customers.create(ada);
    // Queued offline one after the other, each made on the replica where the previous one shows.
    const queued = [
      { base: { company: 'Acme' }, patch: { company: 'Acme Ltd' } },
      { base: { company: 'Acme Ltd' }, patch: { company: 'Acme Holdings' } },
      { base: { company: 'Acme Holdings', notes: null }, patch: { company: 'Acme Group', notes: 'VIP' } },
    ];
    for (const edit of queued) await world.as('adminA').customers.update({ id: created.id, ...edit });
    expect(await customerRow(created.id)).toMatchObject({ company: 'Acme Group', notes: 'VIP', version: 4 });
  });

  it('answers an edit the server already holds without writing again', async () => {
    const created = await world.as('adminA').customers.create(ada);
    const input = { id: created.id, base: { company: 'Acme' }, patch: { company: 'Acme Ltd' } };
    await world.as('adminA').customers.update(input);
    const audit = await auditCount();
    const again = await world.as('adminA').customers.update(input);
    expect(again).toMatchObject({ company: 'Acme Ltd', version: 2 });
    expect(await auditCount()).toBe(audit);
  });

  it('compares a base as the server stores it: "" is no company, email case does not matter', async () => {
    const created = await world.as('adminA').customers.create({ ...ada, company: null });
    const updated = await world.as('adminA').customers.update({
      id: created.id,
      base: { company: '  ', email: 'ADA@Example.com ' },
      patch: { company: 'Acme', email: 'ada.king@example.com' },
    });
    expect(updated).toMatchObject({ company: 'Acme', email: 'ada.king@example.com' });
  });

  it('ignores expectedVersion when a base is sent', async () => {
    const created = await world.as('adminA').customers.create(ada);
    await world.as('adminA').customers.update({ id: created.id, expectedVersion: 1, patch: { notes: 'x' } });
    const updated = await world.as('adminA').customers.update({
      id: created.id,
      expectedVersion: 1,
      base: { name: 'Ada Lovelace' },
      patch: { name: 'Ada King' },
    });
    expect(updated).toMatchObject({ name: 'Ada King', notes: 'x', version: 3 });
  });

  it('keeps the whole-customer version check without a base, and refuses an edit with neither', async () => {
    const created = await world.as('adminA').customers.create(ada);
    await world.as('adminA').customers.update({ id: created.id, expectedVersion: 1, patch: { notes: 'x' } });
    const stale = await expectDomainError(
      () => world.as('adminA').customers.update({ id: created.id, expectedVersion: 1, patch: { name: 'Y' } }),
      'CONFLICT',
    );
    expect(stale.message).toMatch(/changed by someone else/);
    const neither = await expectDomainError(
      () => world.as('adminA').customers.update({ id: created.id, patch: { name: 'Y' } }),
      'INVALID_INPUT',
    );
    expect(neither.data.fieldErrors).toHaveProperty(['expectedVersion']);
  });

  it('refuses a base that does not cover every changed field', async () => {
    const created = await world.as('adminA').customers.create(ada);
    const seen = await expectDomainError(
      () =>
        world.as('adminA').customers.update({
          id: created.id,
          base: { name: 'Ada Lovelace' },
          patch: { name: 'Ada King', company: 'X' },
        }),
      'INVALID_INPUT',
    );
    expect(seen.data.fieldErrors).toHaveProperty(['base']);
  });

  it('still refuses an email another customer holds and an archived customer', async () => {
    const created = await world.as('adminA').customers.create(ada);
    await world.as('adminA').customers.create({ ...ada, email: 'grace@example.com', name: 'Grace' });
    await expectDomainError(
      () =>
        world.as('adminA').customers.update({
          id: created.id,
          base: { email: 'ada@example.com' },
          patch: { email: 'grace@example.com' },
        }),
      'CONFLICT',
    );
    await world.as('adminA').customers.archive({ id: created.id });
    await expectDomainError(
      () =>
        world
          .as('adminA')
          .customers.update({ id: created.id, base: { name: 'Ada Lovelace' }, patch: { name: 'Z' } }),
      'INVALID_STATE',
    );
  });
});
