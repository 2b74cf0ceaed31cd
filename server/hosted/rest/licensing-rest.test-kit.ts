import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { DB } from '../../db/schema';
import type { LicenseRow, PolicyRow } from '../../modules/licensing';
import {
  seedLicense,
  seedPolicy,
  type PolicySeed,
  type SeededLicense,
} from '../../modules/licensing/licensing.test-kit';
import { rest, startRestWorld, type RestWorld, type Workspace } from './rest.test-kit';

/**
 * The REST licensing tests' world (licensing.int.test.ts, licensing-usage.int.test.ts): both
 * workspaces of a RestWorld with a customer and a product each, a license of either written
 * into the tables (licensing.test-kit.ts), and a licensing call over real HTTP.
 */
export interface LicensingRest {
  world: RestWorld;
  db: Kysely<DB>;
  made: Record<'a' | 'b', { customerId: string; productId: string }>;
  /** A license of the side's customer under a policy of its own (columns as given). */
  license(
    policy?: Partial<Omit<PolicySeed, 'tenantId' | 'productId' | 'now'>>,
    row?: Partial<LicenseRow>,
    side?: 'a' | 'b',
  ): Promise<SeededLicense>;
  /** A licensing call with the license key only (no Authorization), unless `key` names an API key. */
  call(path: string, body: unknown, key?: string | null): ReturnType<typeof rest>;
}

export async function startLicensingRest(): Promise<LicensingRest> {
  const world = await startRestWorld();
  const db = world.hosted.backend.services.db;
  const made = {} as LicensingRest['made'];
  for (const side of ['a', 'b'] as const) {
    const ws: Workspace = world[side];
    const customer = await ws.console.customers.create({
      name: `Uni ${side}`,
      email: `it@${side}.test`,
      country: 'GB',
    });
    const product = await ws.console.catalog.createProduct({ name: `Courses ${side}` });
    made[side] = { customerId: customer.id, productId: product.id };
  }
  return {
    world,
    db,
    made,
    async license(policy: Partial<PolicyRow> = {}, row: Partial<LicenseRow> = {}, side: 'a' | 'b' = 'a') {
      const now = world.clock.now();
      const p = await seedPolicy(db, {
        tenantId: world[side].tenant.id,
        productId: made[side].productId,
        now,
        ...policy,
      });
      return seedLicense(db, { policy: p, customerId: made[side].customerId, now, ...row });
    },
    call: (path, body, key = null) => rest(world, 'POST', `/licenses/${path}`, { key, body }),
  };
}

/**
 * The file's LicensingRest, started before its tests and stopped after them: `current()` is it
 * (once started), and `license` and `call` are its own.
 */
export function licensingRestPerFile() {
  let started: LicensingRest | undefined;
  beforeAll(async () => {
    started = await startLicensingRest();
  });
  afterAll(() => started?.world.stop());
  const current = (): LicensingRest => {
    if (!started) throw new Error('the licensing REST world is started in beforeAll');
    return started;
  };
  const license: LicensingRest['license'] = (...args) => current().license(...args);
  const call: LicensingRest['call'] = (...args) => current().call(...args);
  return { current, license, call };
}
