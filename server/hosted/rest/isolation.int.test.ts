import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedLicense, seedPolicy } from '../../modules/licensing/licensing.test-kit';
import { rest, startRestWorld, type RestWorld } from './rest.test-kit';

/**
 * A key of workspace B reaches nothing of workspace A through any REST operation: every
 * operation of the document is called with A's ids wherever it takes an id (path, query,
 * body), as B's key. Each is refused, or answers only B's own objects; A's data is unchanged.
 * The licensing operations take A's license key and machine: with B's API key they answer
 * NOT_FOUND (200, as for any key B's workspace has no license for) and change nothing.
 */

interface Parameter {
  in: string;
  name: string;
  schema?: { pattern?: string };
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: {
    content: Record<
      string,
      { schema: { properties?: Record<string, { pattern?: string }>; required?: string[] } }
    >;
  };
}

let world: RestWorld;
/** A's objects by id prefix, and every text of A a leak would show. */
let ofA: Record<string, string>;
let secretsOfA: string[];
let licenseOfA: { id: string; key: string };

beforeAll(async () => {
  world = await startRestWorld();
  const customer = await rest(world, 'POST', '/customers', {
    body: { name: 'Ada Lovelace', email: 'ada@alpha.test', country: 'GB', company: 'Analytical Engines' },
  });
  await world.a.console.paymentMethods.add({
    customerId: customer.json.id as string,
    source: '4242 4242 4242 4242',
  });
  const subscription = await rest(world, 'POST', '/subscriptions', {
    body: { customer: customer.json.id, price: world.a.pro.priceId, trial_days: 0 },
  });
  const payments = await rest(world, 'GET', `/payments?customer=${customer.json.id}`);
  ofA = {
    cus: customer.json.id as string,
    sub: subscription.json.id as string,
    inv: subscription.json.latest_invoice as string,
    pay: payments.json.data?.[0]?.id as string,
    pri: world.a.pro.priceId,
  };
  const db = world.hosted.backend.services.db;
  const product = await world.a.console.catalog.createProduct({ name: 'Alpha Licensed' });
  const policy = await seedPolicy(db, {
    tenantId: world.a.tenant.id,
    productId: product.id,
    now: world.clock.now(),
  });
  const seeded = await seedLicense(db, {
    policy,
    customerId: customer.json.id as string,
    now: world.clock.now(),
  });
  licenseOfA = { id: seeded.license.id, key: seeded.key };
  await rest(world, 'POST', '/licenses/activate', {
    key: null,
    body: { key: seeded.key, fingerprint: 'fp-alpha' },
  });
  secretsOfA = [
    ...Object.values(ofA),
    licenseOfA.id,
    'Ada Lovelace',
    'ada@alpha.test',
    'Analytical Engines',
    'Alpha',
  ];
});
afterAll(() => world.stop());

/** A's id for a field whose schema asks for an id of some prefix, else a plain value. */
function valueFor(name: string, pattern: string | undefined): unknown {
  const prefix = /^\^(\w+)_/.exec(pattern ?? '')?.[1];
  if (prefix && ofA[prefix]) return ofA[prefix];
  if (name === 'feature') return 'api.access';
  if (name === 'key') return licenseOfA.key;
  if (name === 'fingerprint') return 'fp-alpha';
  if (name === 'events') return [{ id: 'walk', metric: 'course_hours', quantity: 1, occurred_at: 1 }];
  if (name === 'quantity') return 1;
  if (name === 'when') return 'now';
  if (name === 'name') return 'Intruder';
  if (name === 'email') return 'intruder@bravo.test';
  if (name === 'country') return 'FR';
  return undefined;
}

it('B’s key reaches none of A’s objects through any operation', async () => {
  const document = (await rest(world, 'GET', '/openapi.json')).json as unknown as {
    paths: Record<string, Record<string, Operation>>;
  };
  const walked: string[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      let path = template;
      const query = new URLSearchParams();
      for (const p of operation.parameters ?? []) {
        const value = valueFor(p.name, p.schema?.pattern);
        // Path and query parameters are text or numbers; only a body field takes a list.
        if (typeof value !== 'string' && typeof value !== 'number') continue;
        if (p.in === 'path') path = path.replace(`{${p.name}}`, String(value));
        if (p.in === 'query') query.set(p.name, String(value));
      }
      const schema = operation.requestBody?.content['application/json']?.schema;
      const body = schema
        ? Object.fromEntries(
            Object.entries(schema.properties ?? {})
              .map(([name, field]) => [name, valueFor(name, field.pattern)] as const)
              .filter(([, value]) => value !== undefined),
          )
        : undefined;
      const answer = await rest(
        world,
        method.toUpperCase(),
        `${path}${query.size ? `?${query.toString()}` : ''}`,
        {
          key: world.b.key,
          body,
        },
      );
      walked.push(operation.operationId);
      for (const secret of secretsOfA) {
        expect(answer.text, `${operation.operationId} shows ${secret}`).not.toContain(secret);
      }
      if (operation.operationId.startsWith('licenses-')) {
        expect(answer.status, `${operation.operationId}: ${answer.text}`).toBe(200);
        expect(answer.json, operation.operationId).toMatchObject({ code: 'NOT_FOUND' });
        expect(answer.json.license ?? null).toBeNull();
      } else if (answer.status === 200) {
        // Only an operation that names nothing of A may succeed, on B's own data.
        expect(
          ['customers-create', 'customers-list', 'customers-search', 'licensing-keys'],
          operation.operationId,
        ).toContain(operation.operationId);
      } else {
        expect([400, 404], `${operation.operationId}: ${answer.text}`).toContain(answer.status);
        expect(answer.json.error?.type).toBe('invalid_request_error');
      }
    }
  }
  expect(walked.length).toBeGreaterThanOrEqual(22);
  expect(walked.filter((id) => id.startsWith('licenses-')).length).toBeGreaterThanOrEqual(5);

  const stillA = await rest(world, 'GET', `/subscriptions/${ofA.sub}`);
  expect(stillA.json).toMatchObject({ status: 'active', price: ofA.pri, quantity: 1 });
  const customerA = await rest(world, 'GET', `/customers/${ofA.cus}`);
  expect(customerA.json).toMatchObject({ name: 'Ada Lovelace', version: 1 });
  const db = world.hosted.backend.services.db;
  const machines = await db
    .selectFrom('license_machines')
    .select(['fingerprint', 'last_heartbeat_at'])
    .where('license_id', '=', licenseOfA.id)
    .execute();
  expect(machines).toEqual([{ fingerprint: 'fp-alpha', last_heartbeat_at: null }]);
  const license = await db
    .selectFrom('licenses')
    .select('last_check_in_at')
    .where('id', '=', licenseOfA.id)
    .executeTakeFirstOrThrow();
  expect(license.last_check_in_at).toBeNull();
});
