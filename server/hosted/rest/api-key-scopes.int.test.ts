import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleKeyUseWrites } from '../../auth';
import { rest, startRestWorld, type RestWorld } from './rest.test-kit';

/** Scopes and last use over REST: the same narrowing as over tRPC, since REST runs the console's own procedures. */

let world: RestWorld;
beforeAll(async () => {
  world = await startRestWorld();
});
afterAll(async () => {
  await world.stop();
});

describe('a scoped API key over REST', () => {
  it('is refused POST /customers naming the permission its scopes leave out', async () => {
    const key = await world.keyWith(['customers.read']);
    const created = await rest(world, 'POST', '/customers', {
      key,
      body: { name: 'Quinn', email: 'quinn@example.com' },
    });
    expect(created.status).toBe(403);
    expect(created.json.error).toMatchObject({ message: 'Your role does not allow customers.write' });
  });

  it('has its last use recorded, with the address it came from', async () => {
    const key = await world.keyWith(['billing.read']);
    const db = world.hosted.backend.services.db;
    expect((await rest(world, 'GET', '/invoices', { key })).status).toBe(200);
    await settleKeyUseWrites(db);
    const row = await db
      .selectFrom('api_keys')
      .select(['last_used_at', 'last_used_address'])
      .where('name', '=', 'scoped billing.read')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ last_used_at: world.clock.now(), last_used_address: '127.0.0.1' });
  });
});
