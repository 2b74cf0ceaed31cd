import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { orderSnapshot } from './versions';

describe('orderSnapshot', () => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await createTestWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('applies newer snapshots, refuses older ones and flags equal times as ambiguous', async () => {
    const { db } = world.services;
    const tenant = world.tenants.A.id;
    expect(await orderSnapshot(db, tenant, 'sub_1', { id: 'evt_2', created: 200 })).toBe('newer');
    expect(await orderSnapshot(db, tenant, 'sub_1', { id: 'evt_1', created: 100 })).toBe('older');
    expect(await orderSnapshot(db, tenant, 'sub_1', { id: 'evt_2b', created: 200 })).toBe('same');
    expect(await orderSnapshot(db, tenant, 'sub_1', { id: 'evt_3', created: 300 })).toBe('newer');
    // Another tenant's object of the same id has its own history.
    expect(await orderSnapshot(db, world.tenants.B.id, 'sub_1', { id: 'evt_9', created: 100 })).toBe('newer');
  });
});
