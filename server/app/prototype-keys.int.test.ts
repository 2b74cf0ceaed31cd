import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seenByClient } from '../testing/errors.test-kit';
import { inputAt, objectPaths, type LeafPath } from '../testing/schema-leaves.test-kit';
import { createTestWorld, type TestWorld } from '../testing/world.test-kit';
import { INTERNAL_MESSAGE } from '../trpc/errors';
import { APP_PROCEDURES, callProcedure, inputSchemasOf } from '../testing/procedure-walk.test-kit';
import { PROTOTYPE_KEYS, withOwnKey } from '../testing/prototype-keys.test-kit';

/**
 * Keys a client may choose that name something every JavaScript object already has
 * (`__proto__`, `constructor`, `toString`…), put at every place of every procedure's input
 * where the client sends an object. JSON.parse makes `"__proto__"` an own property, so the
 * objects here are made the same way. Each call must be refused (or served) with a clear
 * answer, never an internal error, and nothing may reach Object.prototype.
 */

type Caller = ReturnType<TestWorld['as']>;

/** Where each procedure takes an object; `[]` (the input itself) for one taking none, so it is called too. */
function placesOf(path: string): LeafPath[] {
  const found = inputSchemasOf(path).flatMap((schema) => objectPaths(schema));
  return found.length > 0 ? found : [[]];
}

function typeOf(schema: unknown): string | undefined {
  return (schema as { _zod?: { def?: { type?: string } } })._zod?.def?.type;
}

let world: TestWorld;
let owner: Caller;

beforeAll(async () => {
  world = await createTestWorld();
  owner = world.as('owner', world.tenants.A.id);
});
afterAll(async () => {
  await world.close();
});

describe('keys named like Object.prototype members, in every procedure', () => {
  it('walks every procedure, and finds the places inside inputs too', () => {
    expect(Object.keys(APP_PROCEDURES).length).toBeGreaterThan(100);
    const nested = Object.keys(APP_PROCEDURES).flatMap((path) =>
      placesOf(path)
        .filter((place) => place.length > 0)
        .map((place) => `${path} ${place.join('.')}`),
    );
    expect(nested).toEqual(
      expect.arrayContaining([
        'customers.update patch',
        'catalog.updatePlan patch.features',
        'invoices.createManual lines.0',
        'sync.push mutations.0',
      ]),
    );
  });

  for (const path of Object.keys(APP_PROCEDURES)) {
    it(`${path}: refused or served with a clear answer, never an internal error`, async () => {
      // A union (which shape is meant decided by a field) may only say that field is missing.
      const takesObject = inputSchemasOf(path).some((schema) => typeOf(schema) === 'object');
      for (const place of placesOf(path)) {
        for (const key of PROTOTYPE_KEYS) {
          const input = inputAt(place, withOwnKey(key, { polluted: true }));
          const outcome = await callProcedure(owner, path, input).then(
            () => null,
            (error: unknown) => seenByClient(error),
          );
          const where = `${[...place, key].join('.')}: ${outcome?.message}`;
          expect(outcome?.code, where).not.toBe('INTERNAL_SERVER_ERROR');
          expect(outcome?.message, where).not.toBe(INTERNAL_MESSAGE);
          // A key it does not accept at the input's top level is named in the answer.
          if (takesObject && place.length === 0 && outcome?.data.domainCode === 'INVALID_INPUT') {
            expect(outcome.message, where).toContain(key);
          }
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('sync.push: a pushed command carrying such keys gets a clear error outcome, recorded', async () => {
    const mutations = PROTOTYPE_KEYS.map((key, index) => ({
      id: index + 1,
      tenantId: world.tenants.A.id,
      path: 'customers.create',
      input: withOwnKey(key, 1, { name: 'Proto', email: 'proto@example.com' }),
    }));
    const { results } = await owner.sync.push({ clientId: 'proto-keys-client', mutations });
    expect(results).toHaveLength(PROTOTYPE_KEYS.length);
    results.forEach((result, index) => {
      const key = PROTOTYPE_KEYS[index] ?? '';
      expect(result, key).toMatchObject({ status: 'error', code: 'INVALID_INPUT' });
      expect(result.status === 'error' ? result.message : '', key).toContain(`${key} is not a field`);
    });
  });
});
