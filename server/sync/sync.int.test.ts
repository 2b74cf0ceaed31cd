import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDomainError } from '../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../testing/world.test-kit';

let world: TestWorld;
let berthaId: string;

beforeEach(async () => {
  world = await createTestWorld();
  berthaId = (
    await world
      .as('adminB')
      .customers.create({ name: 'Bertha Benz', email: 'bertha@b.example', country: 'DE' })
  ).id;
  await world.as('adminA').customers.create({ name: 'Alan Turing', email: 'alan@a.example', country: 'GB' });
});
afterEach(async () => {
  await world.close();
});

async function customerCount(tenantId: string): Promise<number> {
  const { n } = await world.database.db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

describe('sync.pull', () => {
  it("gives a tenant admin their tenant's rows and members, and nothing of another tenant, not even ids", async () => {
    const page = await world.as('adminA').sync.pull({ cursor: 0, limit: 5000, withTotal: true });
    expect(page.more).toBe(false);
    expect(page.total).toBe(page.changes.length);
    const text = JSON.stringify(page);
    expect(text).toContain('Alan Turing');
    expect(text).toContain(world.tenants.A.id);
    for (const foreign of [
      world.tenants.B.id,
      world.tenants.B.name,
      'Bertha',
      berthaId,
      'adminB@test.example',
    ]) {
      expect(text).not.toContain(foreign);
    }
    // Platform staff are no members of A: their user rows and memberships stay on the server.
    expect(text).not.toContain('owner@test.example');
    const tables = new Set(page.changes.map((c) => c.table));
    expect(tables).toEqual(
      new Set(['tenants', 'users', 'memberships', 'customers', 'audit_log', 'audit_chain_heads']),
    );
  });

  it('gives platform staff every tenant, and pages with a cursor until there is no more', async () => {
    const seen: string[] = [];
    let cursor = 0;
    let total: number | null = null;
    for (;;) {
      const page = await world.as('owner').sync.pull({ cursor, limit: 3, withTotal: cursor === 0 });
      total ??= page.total;
      seen.push(...page.changes.map((c) => `${c.table}:${c.key}`));
      expect(page.changes.length).toBeLessThanOrEqual(3);
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(seen).toHaveLength(total ?? -1);
    expect(seen).toContain(`customers:${berthaId}`);
    expect(seen).toContain(`tenants:${world.tenants.B.id}`);
  });

  it('sends a changed row once, in its newest state, and a deleted one as a deletion', async () => {
    const first = await world.as('adminA').sync.pull({ cursor: 0, limit: 5000, withTotal: false });
    const alan = first.changes.find((c) => c.table === 'customers');
    const customer = JSON.parse(alan?.row ?? '{}') as { id: string; version: number };
    await world.as('adminA').customers.update({
      id: customer.id,
      expectedVersion: customer.version,
      patch: { name: 'Alan M. Turing' },
    });
    await world.as('adminA').customers.update({
      id: customer.id,
      expectedVersion: customer.version + 1,
      patch: { notes: 'Bletchley' },
    });
    const next = await world.as('adminA').sync.pull({ cursor: first.cursor, limit: 5000, withTotal: false });
    const customers = next.changes.filter((c) => c.table === 'customers');
    expect(customers).toHaveLength(1);
    expect(JSON.parse(customers[0]?.row ?? '{}')).toMatchObject({
      name: 'Alan M. Turing',
      notes: 'Bletchley',
    });
    expect(first.scope).toBe(next.scope);
  });

  it('sends a deleted row as a deletion, without its data', async () => {
    const temp = await world
      .as('adminA')
      .customers.create({ name: 'Temp', email: 'temp@a.example', country: 'GB' });
    const before = await world.as('adminA').sync.pull({ cursor: 0, limit: 5000, withTotal: false });
    await world.database.db.deleteFrom('customers').where('id', '=', temp.id).execute();
    const after = await world
      .as('adminA')
      .sync.pull({ cursor: before.cursor, limit: 5000, withTotal: false });
    expect(after.changes).toEqual([
      expect.objectContaining({ table: 'customers', key: temp.id, op: 'delete', row: null }),
    ]);
  });

  it('refuses a replica that names a tenant it cannot enter', async () => {
    const seen = await expectDomainError(
      () => world.as('adminA', world.tenants.B.id).sync.pull({ cursor: 0, limit: 10, withTotal: false }),
      'FORBIDDEN',
    );
    expect(seen.message).toBe('You are not a member of that workspace');
  });
});

describe('sync.push', () => {
  const clientId = 'desk-one-0001';
  const create = (id: number, name: string) => ({
    id,
    tenantId: world.tenants.A.id,
    path: 'customers.create',
    input: { name, email: `${name.toLowerCase()}@a.example`, country: 'GB' },
  });

  it('applies each mutation once, in order; a failure is recorded and the next still runs', async () => {
    const batch = [
      create(1, 'Grace'),
      // Same email as Grace: refused by the server, with its reason.
      { ...create(2, 'Grace'), input: { name: 'Grace again', email: 'grace@a.example', country: 'GB' } },
      create(3, 'Ada'),
    ];
    const first = await world.as('adminA').sync.push({ clientId, mutations: batch });
    expect(first.results.map((r) => r.status)).toEqual(['ok', 'error', 'ok']);
    const failure = first.results[1];
    expect(failure?.status === 'error' && failure.message).toMatch(/email/i);
    expect(await customerCount(world.tenants.A.id)).toBe(3);

    // The same batch again (a lost answer, a retry): nothing runs twice, the answers are the same.
    const again = await world.as('adminA').sync.push({ clientId, mutations: batch });
    expect(again.results).toEqual(first.results);
    expect(await customerCount(world.tenants.A.id)).toBe(3);
    const applied = await world.database.db
      .selectFrom('sync_clients')
      .select('last_mutation_id')
      .where('client_id', '=', clientId)
      .executeTakeFirstOrThrow();
    expect(applied.last_mutation_id).toBe(3);
  });

  it('runs each command with the pusher’s rights: another tenant’s rows stay out of reach', async () => {
    const result = await world.as('adminA').sync.push({
      clientId,
      mutations: [
        { id: 1, tenantId: world.tenants.A.id, path: 'customers.archive', input: { id: berthaId } },
        { id: 2, tenantId: world.tenants.B.id, path: 'customers.archive', input: { id: berthaId } },
        { id: 3, tenantId: world.tenants.A.id, path: 'customers.list', input: {} },
        { id: 4, tenantId: world.tenants.A.id, path: 'sync.push', input: {} },
      ],
    });
    expect(result.results.map((r) => (r.status === 'error' ? r.code : 'ok'))).toEqual([
      'NOT_FOUND',
      'FORBIDDEN',
      'INVALID_INPUT',
      'INVALID_INPUT',
    ]);
    expect(
      await world.database.db
        .selectFrom('customers')
        .select('status')
        .where('id', '=', berthaId)
        .executeTakeFirst(),
    ).toEqual({ status: 'active' });
  });

  it("refuses a client id that belongs to someone else's account", async () => {
    await world.as('adminA').sync.push({ clientId, mutations: [create(1, 'Grace')] });
    await expectDomainError(
      () => world.as('billingA').sync.push({ clientId, mutations: [create(2, 'Hopper')] }),
      'FORBIDDEN',
    );
    expect(await customerCount(world.tenants.A.id)).toBe(2);
  });
});
