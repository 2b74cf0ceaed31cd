import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientError } from '../testing/errors.test-kit';
import { inputAt, stringLeaves, type LeafPath } from '../testing/schema-leaves.test-kit';
import { createTestWorld, type TestWorld } from '../testing/world.test-kit';
import { APP_PROCEDURES, callProcedure, inputSchemasOf } from '../testing/procedure-walk.test-kit';

/**
 * U+0000 at every place of every procedure's input where a string goes (and in a key where
 * none does): refused as invalid input naming the place, on SQLite and on PostgreSQL alike,
 * before the procedure runs. On PostgreSQL it used to reach the database, which refuses NUL
 * in text, and came back as an internal error.
 */

type Caller = ReturnType<TestWorld['as']>;

function stringPlaces(path: string): LeafPath[] {
  return inputSchemasOf(path).flatMap((schema) => stringLeaves(schema));
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

describe('NUL in any input', () => {
  it('finds string places inside inputs', () => {
    const places = Object.keys(APP_PROCEDURES).flatMap((path) =>
      stringPlaces(path).map((place) => `${path} ${place.join('.')}`),
    );
    expect(places.length).toBeGreaterThan(100);
    expect(places).toEqual(
      expect.arrayContaining([
        'customers.create name',
        'customers.update patch.company',
        'invoices.createManual lines.0.description',
      ]),
    );
  });

  for (const path of Object.keys(APP_PROCEDURES)) {
    it(`${path}: refused as invalid input naming the place`, async () => {
      const places = stringPlaces(path);
      const inputs: { input: unknown; field: string }[] = places.map((place) => ({
        input: inputAt(place, 'before\u0000after'),
        field: place.length === 0 ? 'The input' : place.join('.').replace('*', 'a.b'),
      }));
      inputs.push({ input: { 'key\u0000': 1 }, field: 'key\\u0000' });
      for (const { input, field } of inputs) {
        const seen = await clientError(() => callProcedure(owner, path, input));
        expect(seen.data.domainCode, `${path} ${field}: ${seen.message}`).toBe('INVALID_INPUT');
        expect(seen.message).toBe(`${field} contains a NUL character (U+0000), which is not allowed`);
      }
    });
  }

  it('writes nothing: a customer named with NUL is not created', async () => {
    const before = await owner.customers.list({ limit: 100 });
    const seen = await clientError(() =>
      owner.customers.create({ name: 'Ada\u0000Lovelace', email: 'ada-nul@example.com', country: 'GB' }),
    );
    expect(seen.data.domainCode).toBe('INVALID_INPUT');
    expect(seen.data.fieldErrors).toEqual({ name: ['must not contain U+0000'] });
    const after = await owner.customers.list({ limit: 100 });
    expect(after.items.length).toBe(before.items.length);
  });
});
