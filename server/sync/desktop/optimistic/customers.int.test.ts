import { describe, expect, it } from 'vitest';
import { customerId } from '../../../../shared/customers/schema';
import {
  archiveCustomerEffect,
  createCustomerEffect,
  unarchiveCustomerEffect,
  updateCustomerEffect,
} from './customers';
import { isProvisionalId } from './provisional-id';
import { localCommand, MADE_AT, refusal, replicaForEachTest, seedCustomer, TENANT } from './replica.test-kit';

const local = replicaForEachTest();

const customerRow = (id: string) => local.sqlite.prepare('SELECT * FROM customers WHERE id = ?').get(id);
const activeCount = () =>
  (
    local.sqlite
      .prepare("SELECT n FROM list_counts WHERE tenant_id = ? AND list = 'customers' AND key = 'active'")
      .get(TENANT) as { n: number } | undefined
  )?.n ?? 0;
const searchIds = (words: string) =>
  (
    local.sqlite
      .prepare(
        'SELECT id FROM customers WHERE rowid IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)',
      )
      .all(words) as { id: string }[]
  ).map((r) => r.id);

const grace = { name: 'Grace Hopper', email: 'Grace@Navy.mil ', country: 'us', company: '' };

describe('customers.create on the replica', () => {
  it('adds an active customer at version 1 under a provisional id, counted and searchable', () => {
    const before = activeCount();
    const { result, writes } = local.apply(createCustomerEffect, grace, 41);
    const id = (result as { id: string }).id;
    expect(customerId.safeParse(id).success).toBe(true);
    expect(isProvisionalId(id)).toBe(true);
    expect(result).toEqual({
      id,
      name: 'Grace Hopper',
      email: 'grace@navy.mil',
      country: 'US',
      company: null,
      notes: null,
      status: 'active',
      version: 1,
      createdAt: MADE_AT,
      updatedAt: MADE_AT,
      archivedAt: null,
    });
    expect(customerRow(id)).toMatchObject({ tenant_id: TENANT, sort_name: 'grace hopper', version: 1 });
    expect(activeCount()).toBe(before + 1);
    expect(searchIds('grace*')).toEqual([id]);
    expect(writes).toEqual([expect.objectContaining({ op: 'insert', table: 'customers', key: id })]);
  });

  it('makes the same id when the command is applied again (a rebase), another for another command', () => {
    const first = local.apply(createCustomerEffect, grace, 7).result as { id: string };
    local.sqlite.prepare('DELETE FROM customers WHERE id = ?').run(first.id);
    const again = local.apply(createCustomerEffect, grace, 7).result as { id: string };
    const other = local.apply(createCustomerEffect, { ...grace, email: 'g2@navy.mil' }, 8).result as {
      id: string;
    };
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
  });

  it('refuses an email the replica already holds, as the server would, writing nothing', () => {
    seedCustomer(local.sqlite, { email: 'grace@navy.mil' });
    const count = activeCount();
    const error = refusal(() => local.apply(createCustomerEffect, grace));
    expect(error.code).toBe('CONFLICT');
    expect(error.fieldErrors).toEqual({ email: ['Another customer already uses this email'] });
    expect(activeCount()).toBe(count);
  });

  /** The outbox entry a create made while queued, with `status`: what owns its provisional id. */
  function queuedCreate(outboxId: number, madeId: string, status = 'pending') {
    local.sqlite
      .prepare(
        `INSERT INTO sync_outbox (id, tenant_id, path, label, provisional, status, created_at)
         VALUES (?, ?, 'customers.create', 'Create customer Grace Hopper', ?, ?, 0)`,
      )
      .run(outboxId, TENANT, JSON.stringify({ id: madeId }), status);
  }

  it('is edited and archived while its create waits in the outbox (decision 106)', () => {
    const made = local.apply(createCustomerEffect, grace, 31).result as { id: string };
    queuedCreate(31, made.id);
    local.apply(updateCustomerEffect, { id: made.id, base: { notes: null }, patch: { notes: 'VIP' } });
    local.apply(archiveCustomerEffect, { id: made.id });
    expect(customerRow(made.id)).toMatchObject({ notes: 'VIP', status: 'archived', version: 3 });
  });

  it('is refused, with why, once no waiting create owns its id (never queued, cancelled)', () => {
    const made = local.apply(createCustomerEffect, grace, 32).result as { id: string };
    const edit = refusal(() =>
      local.apply(updateCustomerEffect, { id: made.id, base: { notes: null }, patch: { notes: 'VIP' } }),
    );
    expect(edit.code).toBe('INVALID_STATE');
    expect(edit.message).toBe(
      'The customer this acts on was never created: it is not waiting in this desktop’s outbox',
    );
    queuedCreate(32, made.id, 'cancelled');
    expect(refusal(() => local.apply(archiveCustomerEffect, { id: made.id })).message).toBe(
      'The customer this acts on was never created: its creation was cancelled',
    );
  });

  it('describes itself with the name, pointing at the row it will make', () => {
    const command = localCommand(grace, 12);
    const described = createCustomerEffect.describe(local.sqlite, command);
    const made = local.apply(createCustomerEffect, grace, 12).result as { id: string };
    expect(described).toEqual({
      label: 'Create customer Grace Hopper',
      record: { table: 'customers', key: made.id },
    });
  });
});

describe('customers.update on the replica', () => {
  it('writes the changed fields, bumps the version and re-sorts by a new name', () => {
    const ada = seedCustomer(local.sqlite);
    const { result, writes } = local.apply(updateCustomerEffect, {
      id: ada.id,
      base: { name: 'Ada Lovelace', company: 'Acme' },
      patch: { name: 'Ada King', company: 'Acme Ltd' },
    });
    expect(result).toMatchObject({ name: 'Ada King', company: 'Acme Ltd', version: 4, updatedAt: MADE_AT });
    expect(customerRow(ada.id)).toMatchObject({ name: 'Ada King', sort_name: 'ada king', version: 4 });
    expect(writes).toEqual([
      {
        op: 'update',
        table: 'customers',
        key: ada.id,
        fields: ['name', 'company', 'sort_name', 'version', 'updated_at'],
      },
    ]);
  });

  it("lets a user's consecutive edits stack: the second's base is the first's value", () => {
    const ada = seedCustomer(local.sqlite);
    local.apply(updateCustomerEffect, {
      id: ada.id,
      base: { company: 'Acme' },
      patch: { company: 'Acme Ltd' },
    });
    local.apply(updateCustomerEffect, {
      id: ada.id,
      base: { company: 'Acme Ltd' },
      patch: { company: 'Acme Group' },
    });
    expect(customerRow(ada.id)).toMatchObject({ company: 'Acme Group', version: 5 });
  });

  it('refuses a field someone else changed since the base with both values, and a stale version', () => {
    const ada = seedCustomer(local.sqlite, { company: 'Theirs Inc' });
    const conflict = refusal(() =>
      local.apply(updateCustomerEffect, {
        id: ada.id,
        base: { company: 'Acme' },
        patch: { company: 'Mine' },
      }),
    );
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.conflicts).toEqual([{ field: 'company', theirs: 'Theirs Inc', yours: 'Mine' }]);
    const stale = refusal(() =>
      local.apply(updateCustomerEffect, { id: ada.id, expectedVersion: 2, patch: { name: 'X' } }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(customerRow(ada.id)).toMatchObject({ company: 'Theirs Inc', name: 'Ada Lovelace', version: 3 });
  });

  it('applies a patch without base when the version still matches', () => {
    const ada = seedCustomer(local.sqlite);
    local.apply(updateCustomerEffect, { id: ada.id, expectedVersion: 3, patch: { notes: 'VIP' } });
    expect(customerRow(ada.id)).toMatchObject({ notes: 'VIP', version: 4 });
  });

  it('refuses an archived customer, an unknown one and a taken email', () => {
    const ada = seedCustomer(local.sqlite, { status: 'archived', archived_at: 5 });
    seedCustomer(local.sqlite, { email: 'grace@navy.mil', name: 'Grace' });
    const edit = (id: string, patch: Record<string, string>) =>
      refusal(() =>
        local.apply(updateCustomerEffect, { id, base: { ...patch, email: 'ada@example.com' }, patch }),
      );
    expect(edit(ada.id, { name: 'X' }).code).toBe('INVALID_STATE');
    expect(edit('cus_01JD0000000000000000000099', { name: 'X' }).code).toBe('NOT_FOUND');
    const active = seedCustomer(local.sqlite, { email: 'ada2@example.com' });
    const taken = refusal(() =>
      local.apply(updateCustomerEffect, {
        id: active.id,
        base: { email: 'ada2@example.com' },
        patch: { email: 'grace@navy.mil' },
      }),
    );
    expect(taken.code).toBe('CONFLICT');
  });

  it('describes the fields it changes, leaving out those the form sent at their base', () => {
    const ada = seedCustomer(local.sqlite);
    const described = updateCustomerEffect.describe(
      local.sqlite,
      localCommand({
        id: ada.id,
        base: { name: 'Ada Lovelace', company: 'Acme', notes: null },
        patch: { name: 'Ada Lovelace', company: 'Acme Ltd', notes: 'VIP' },
      }),
    );
    expect(described).toEqual({
      label: 'Change company and notes of Ada Lovelace',
      record: { table: 'customers', key: ada.id },
    });
  });

  it('refreshes a refused edit to "keep mine": the base becomes what the replica shows now', () => {
    const ada = seedCustomer(local.sqlite, { company: 'Theirs Inc' });
    const refreshed = updateCustomerEffect.refreshInput?.(local.sqlite, {
      id: ada.id,
      expectedVersion: 1,
      patch: { company: 'Mine' },
    });
    expect(refreshed).toEqual({ id: ada.id, base: { company: 'Theirs Inc' }, patch: { company: 'Mine' } });
    local.apply(updateCustomerEffect, refreshed);
    expect(customerRow(ada.id)).toMatchObject({ company: 'Mine' });
  });
});

describe('customers.archive and unarchive on the replica', () => {
  it('moves the status both ways with the time and version, and the list counts follow', () => {
    const ada = seedCustomer(local.sqlite);
    const active = activeCount();
    const archived = local.apply(archiveCustomerEffect, { id: ada.id }).result;
    expect(archived).toMatchObject({ status: 'archived', archivedAt: MADE_AT, version: 4 });
    expect(activeCount()).toBe(active - 1);
    expect(refusal(() => local.apply(archiveCustomerEffect, { id: ada.id })).message).toBe(
      'This customer is already archived',
    );
    const restored = local.apply(unarchiveCustomerEffect, { id: ada.id }).result;
    expect(restored).toMatchObject({ status: 'active', archivedAt: null, version: 5 });
    expect(activeCount()).toBe(active);
    expect(refusal(() => local.apply(unarchiveCustomerEffect, { id: ada.id })).code).toBe('INVALID_STATE');
  });

  it('names the customer in its label', () => {
    const ada = seedCustomer(local.sqlite);
    expect(archiveCustomerEffect.describe(local.sqlite, localCommand({ id: ada.id })).label).toBe(
      'Archive customer Ada Lovelace',
    );
    expect(unarchiveCustomerEffect.describe(local.sqlite, localCommand({ id: ada.id })).label).toBe(
      'Unarchive customer Ada Lovelace',
    );
  });
});
