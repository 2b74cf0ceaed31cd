import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { chainUnlinkedEntries } from '../../commands/audit-chain';
import { verifyAuditChain } from './verify';

/**
 * Linking entries written without a chain position. Only SQLite's bulk loads (the demo
 * workspace, benchmarks) write such entries, through prepared statements on the raw handle,
 * so this stays a SQLite-only file (not in tests/support/postgres-suite.ts); the rest of the
 * chain's behaviour is proven on both databases in chain.int.test.ts.
 */
let world: TestWorld;
const sqlite = () => world.database.sqlite;
const tenantA = () => world.tenants.A.id;

beforeEach(async () => {
  world = await createTestWorld();
  for (const name of ['Ada', 'Grace', 'Edsger', 'Barbara']) {
    await world
      .as('adminA')
      .customers.create({ name, email: `${name.toLowerCase()}@a.example`, country: 'GB' });
  }
  await world.as('adminB').customers.create({ name: 'Bea', email: 'bea@b.example', country: 'FR' });
});
afterEach(async () => {
  await world.close();
});

it('links entries written without a position (pre-chain data, bulk loads) onto the end', async () => {
  const insert = sqlite().prepare(
    `INSERT INTO audit_log (id, tenant_id, actor_id, actor_name, client, action, entity_type, entity_id, before, after, at)
     VALUES (?, ?, NULL, 'loader', 'bulk', 'customer.created', 'customer', ?, NULL, '{}', 1)`,
  );
  insert.run('aud_bulk1', tenantA(), 'cus_1');
  insert.run('aud_bulk2', tenantA(), 'cus_2');
  expect(chainUnlinkedEntries(sqlite())).toBe(2);
  expect(chainUnlinkedEntries(sqlite())).toBe(0);
  const report = await verifyAuditChain(world.services.db, tenantA());
  expect(report).toMatchObject({ ok: true, checked: 6 });
  // New commands continue the chain after the linked entries.
  await world.as('adminA').customers.create({ name: 'Linus', email: 'linus@a.example', country: 'FI' });
  expect(await verifyAuditChain(world.services.db, tenantA())).toMatchObject({ ok: true, checked: 7 });
});
