import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../db/migrations';
import { createTestWorld, type TestWorld } from '../testing/world.test-kit';
import { databaseProbe, Readiness } from './readiness';

/**
 * What /readyz reports, on each database: starting until the backend is open, then the
 * database's answer (reachable, schema at this build's migration), and draining once stopping.
 * The HTTP side, over real processes, is in server/hosted/main.int.test.ts and readyz.pg.int.test.ts.
 */

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

describe('readiness', () => {
  it('is ready when the database answers at this build’s schema', async () => {
    expect(await databaseProbe(world.database.db)()).toBeNull();
  });

  it('is not ready while migrations are pending, nor when the schema is newer than the build', async () => {
    const newest = MIGRATIONS.length;
    expect(await databaseProbe(world.database.db, newest + 1)()).toBe(
      `migrations pending: the schema is at ${newest}, this build needs ${newest + 1}`,
    );
    expect(await databaseProbe(world.database.db, newest - 1)()).toContain('newer than this build');
  });

  it('is not ready when the database does not answer', async () => {
    const probe = databaseProbe(world.database.db);
    await world.database.close();
    expect(await probe()).toBe('the database is unreachable');
  });

  it('starts unready, serves once open, and drains for good', async () => {
    const readiness = new Readiness();
    expect(await readiness.reason()).toMatch(/^starting/);
    readiness.serving(databaseProbe(world.database.db));
    expect(await readiness.reason()).toBeNull();
    readiness.drain();
    expect(await readiness.reason()).toMatch(/^shutting down/);
    readiness.serving(databaseProbe(world.database.db));
    expect(readiness.draining).toBe(true);
  });
});
