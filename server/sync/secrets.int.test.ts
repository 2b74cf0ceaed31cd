import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext, type Principal } from '../trpc/context';
import { appRouter } from '../app/router';
import { WITHHELD_MESSAGE } from '../trpc/secrets';
import { createCallerFactory } from '../trpc/base';
import { verifyApiKey } from '../auth/api-keys';
import { hashOpaqueToken } from '../auth/tokens';
import { createTestWorld, type TestWorld } from '../testing/world.test-kit';

/**
 * A command whose result is a secret shown once (an API key, an invitation code) is pushed
 * through sync.push: the first answer carries it, nothing kept does, and a replay of the
 * same mutation says it was withheld.
 */

let world: TestWorld;
const clientId = 'desk-secrets-01';

beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

/** adminA again, through another sign-in session of the same account. */
function otherSessionOfAdminA() {
  const principal: Principal = {
    ...world.principals.adminA,
    via: { kind: 'session', sessionId: 'ses_other' },
  };
  return createCallerFactory(appRouter)(
    createContext({
      services: world.services,
      principal,
      requestedTenantId: world.tenants.A.id,
      client: { kind: 'desktop', id: clientId },
    }),
  );
}

function storedResult(mutationId: number): Promise<string> {
  return storedResultOf(clientId, mutationId);
}

async function storedResultOf(client: string, mutationId: number): Promise<string> {
  const row = await world.database.db
    .selectFrom('sync_mutations')
    .select('result')
    .where('client_id', '=', client)
    .where('mutation_id', '=', mutationId)
    .executeTakeFirst();
  expect(row).toBeDefined();
  return row?.result ?? '';
}

/** Every text value of every table, for a secret that must be nowhere in the database. */
async function databaseText(): Promise<string> {
  // Kysely's introspection lists the tables of either database (SQLite's own left out).
  const tables = (await world.database.db.introspection.getTables()).filter((t) => !t.isView);
  const texts: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql`SELECT * FROM ${sql.table(name)}`.execute(world.database.db);
    texts.push(JSON.stringify(rows));
  }
  return texts.join('\n');
}

describe('secrets through sync.push', () => {
  it('hands out a new API key once: never stored, a replay withholds it, the key works', async () => {
    const mutations = [
      {
        id: 1,
        tenantId: world.tenants.A.id,
        path: 'admin.apiKeys.create',
        input: { name: 'Billing sync', role: 'viewer' },
      },
    ];
    const first = await world.as('adminA').sync.push({ clientId, mutations });
    const outcome = first.results[0];
    expect(outcome?.status).toBe('ok');
    const key = (outcome?.status === 'ok' ? outcome.result : null) as { key: string; apiKey: { id: string } };
    expect(key.key).toMatch(/^tg_key_/);

    const stored = await storedResult(1);
    expect(stored).not.toContain(key.key);
    expect(JSON.parse(stored)).toMatchObject({
      key: null,
      apiKey: { id: key.apiKey.id },
      withheld: { paths: ['key'], message: WITHHELD_MESSAGE },
    });
    expect(await databaseText()).not.toContain(key.key);

    // The same mutation again, from another session of the same account: the outcome, not the key.
    const replay = await otherSessionOfAdminA().sync.push({ clientId, mutations });
    expect(JSON.stringify(replay)).not.toContain(key.key);
    expect(replay.results[0]).toMatchObject({
      status: 'ok',
      result: { key: null, apiKey: { id: key.apiKey.id }, withheld: { paths: ['key'] } },
    });
    expect(await world.database.db.selectFrom('api_keys').select('id').execute()).toHaveLength(1);

    // The key from the one answer works.
    const principal = await verifyApiKey(world.database.db, key.key, world.clock.now());
    expect(principal.userId).toBe(key.apiKey.id);
  });

  it('hands out an invitation code once, and keeps a webhook signing secret nowhere', async () => {
    const mutations = [
      {
        id: 1,
        tenantId: world.tenants.A.id,
        path: 'admin.invitations.create',
        input: { scope: 'tenant', email: 'new.hire@a.example', role: 'billing' },
      },
      {
        id: 2,
        tenantId: world.tenants.A.id,
        path: 'stripeEvents.setSecret',
        input: { secret: 'whsec_pushedThroughSync0123456789' },
      },
    ];
    const first = await world
      .as('owner', world.tenants.A.id)
      .sync.push({ clientId: 'desk-owner-01', mutations });
    expect(first.results.map((r) => r.status)).toEqual(['ok', 'ok']);
    const invited = (first.results[0]?.status === 'ok' ? first.results[0].result : null) as { token: string };
    expect(invited.token).toMatch(/^tgi_/);
    expect(
      await world.database.db
        .selectFrom('invitations')
        .select('id')
        .where('token_hash', '=', hashOpaqueToken(invited.token))
        .execute(),
    ).toHaveLength(1);

    const text = JSON.stringify(
      await world.database.db
        .selectFrom('sync_mutations')
        .selectAll()
        .where('client_id', '=', 'desk-owner-01')
        .execute(),
    );
    expect(text).not.toContain(invited.token);
    expect(text).not.toContain('whsec_pushedThroughSync');
    expect(JSON.parse(await storedResultOf('desk-owner-01', 1))).toMatchObject({ token: null });

    const replay = await world
      .as('owner', world.tenants.A.id)
      .sync.push({ clientId: 'desk-owner-01', mutations });
    expect(JSON.stringify(replay)).not.toContain(invited.token);
    expect(replay.results[0]).toMatchObject({
      status: 'ok',
      result: { token: null, withheld: { paths: ['token'] } },
    });
    expect(replay.results[1]).toEqual(first.results[1]);
  });
});
