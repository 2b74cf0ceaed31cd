import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLicense, seedPolicy } from '../../modules/licensing/licensing.test-kit';
import type { paths } from './api-types.generated';
import { startRestWorld, type RestWorld } from './rest.test-kit';

/**
 * The contract: the document served at /api/v1/openapi.json is valid OpenAPI, the types a
 * client generates from it are the ones committed (api-types.generated.ts; `vitest -u`
 * rewrites them), and every operation it documents, called over real HTTP with a client
 * typed by those types (openapi-fetch), answers what its schema says.
 */

interface Operation {
  operationId: string;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };

let world: RestWorld;
let document: Document;
let ajv: InstanceType<typeof Ajv2020>;

beforeAll(async () => {
  world = await startRestWorld();
  document = (await (await fetch(`${world.base}/openapi.json`)).json()) as Document;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: document.components }, 'doc');
});
afterAll(() => world.stop());

/** Checks `body` against what the document says operation `operationId` answers with `status`. */
function conforms(operationId: string, status: number, body: unknown): void {
  const operation = Object.values(document.paths)
    .flatMap((item) => Object.values(item))
    .find((o) => o.operationId === operationId);
  const response = operation?.responses[String(status)];
  expect(response, `${operationId} documents ${status}`).toBeDefined();
  const resolved = response?.$ref
    ? (document.components.responses as Record<string, { content: Record<string, { schema: unknown }> }>)[
        response.$ref.split('/').pop() as string
      ]
    : response;
  const schema = resolved?.content?.['application/json']?.schema;
  const rebased = JSON.parse(
    JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'),
  ) as object;
  const validate = ajv.compile(rebased);
  expect(validate(body), `${operationId} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 with a bearer API key scheme and the one error schema', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.components.securitySchemes).toMatchObject({ ApiKey: { type: 'http', scheme: 'bearer' } });
    expect(document.components.schemas).toHaveProperty('Error');
  });

  it('gives clients the committed types', async () => {
    const types = astToString(await openapiTS(document as never));
    await expect(
      `// Generated from /api/v1/openapi.json by openapi-typescript; \`vitest -u\` rewrites it.\n${types}`,
    ).toMatchFileSnapshot('./api-types.generated.ts');
  });
});

type Client = ReturnType<typeof createClient<paths>>;
type Check = (operationId: string, status: number, body: unknown) => void;

/** The licensing operations, on a floating license of `customer` seeded for the purpose. */
async function licensingCalls(client: Client, customer: string, check: Check): Promise<void> {
  const db = world.hosted.backend.services.db;
  const now = world.clock.now();
  const product = await world.a.console.catalog.createProduct({ name: 'Licensed courses' });
  const policy = await seedPolicy(db, {
    tenantId: world.a.tenant.id,
    productId: product.id,
    now,
    usageLimits: [{ metric: 'course_hours', limit: 100, rule: { kind: 'BLOCK' } }],
  });
  const { key } = await seedLicense(db, { policy, customerId: customer, now });
  const body = { key, fingerprint: 'fp-contract' };
  const activated = await client.POST('/licenses/activate', {
    body: { ...body, name: 'Lab', platform: 'linux' },
  });
  check('licenses-activate', activated.response.status, activated.data);
  expect(activated.data).toMatchObject({ ok: true, code: 'VALID' });
  const validated = await client.POST('/licenses/validate', {
    body: { ...body, scope: { product: product.id } },
  });
  check('licenses-validate', validated.response.status, validated.data);
  expect(validated.data).toMatchObject({ valid: true, code: 'VALID' });
  const beat = await client.POST('/licenses/heartbeat', { body });
  check('licenses-heartbeat', beat.response.status, beat.data);
  const checkedIn = await client.POST('/licenses/check-in', { body: { key } });
  check('licenses-checkIn', checkedIn.response.status, checkedIn.data);
  const deactivated = await client.POST('/licenses/deactivate', { body });
  check('licenses-deactivate', deactivated.response.status, deactivated.data);
  const unknown = await client.POST('/licenses/validate', { body: { key: `${key.slice(0, -4)}AAAA` } });
  check('licenses-validate', unknown.response.status, unknown.data);
  expect(unknown.data).toMatchObject({ valid: false, code: 'NOT_FOUND', license: null });
  const usage = await client.POST('/licenses/usage', {
    body: { key, events: [{ id: 'u1', metric: 'course_hours', quantity: 1, occurred_at: now }] },
  });
  check('licenses-usage', usage.response.status, usage.data);
  const keys = await client.GET('/licensing/keys', {});
  check('licensing-keys', keys.response.status, keys.data);
}

describe('every documented operation', () => {
  it('answers over HTTP what its schema says', async () => {
    const client = createClient<paths>({
      baseUrl: world.base,
      headers: { authorization: `Bearer ${world.a.key}` },
    });
    const called = new Set<string>();
    const check = (operationId: string, status: number, body: unknown) => {
      called.add(operationId);
      expect(status, `${operationId}: ${JSON.stringify(body)}`).toBe(200);
      conforms(operationId, status, body);
    };

    const created = await client.POST('/customers', {
      body: { name: 'Grace Hopper', email: 'grace@navy.test', country: 'US', company: 'Navy' },
    });
    check('customers-create', created.response.status, created.data);
    const customer = created.data?.id as string;
    await world.a.console.paymentMethods.add({ customerId: customer, source: '4242 4242 4242 4242' });

    const updated = await client.POST('/customers/{id}', {
      params: { path: { id: customer } },
      body: { company: 'US Navy' },
    });
    check('customers-update', updated.response.status, updated.data);
    expect(updated.data?.company).toBe('US Navy');
    const got = await client.GET('/customers/{id}', { params: { path: { id: customer } } });
    check('customers-retrieve', got.response.status, got.data);
    const listed = await client.GET('/customers', { params: { query: { limit: 5 } } });
    check('customers-list', listed.response.status, listed.data);
    const found = await client.GET('/customers/search', { params: { query: { query: 'grace' } } });
    check('customers-search', found.response.status, found.data);
    expect(found.data?.data.map((c) => c.id)).toEqual([customer]);

    const subscribed = await client.POST('/subscriptions', {
      body: { customer, price: world.a.pro.priceId, trial_days: 0 },
    });
    check('subscriptions-create', subscribed.response.status, subscribed.data);
    const subscription = subscribed.data?.id as string;
    const invoice = subscribed.data?.latest_invoice as string;
    expect(subscribed.data?.status).toBe('active');
    check(
      'subscriptions-retrieve',
      ...(await client
        .GET('/subscriptions/{id}', { params: { path: { id: subscription } } })
        .then((r) => [r.response.status, r.data] as const)),
    );
    const subscriptions = await client.GET('/subscriptions', { params: { query: { customer } } });
    check('subscriptions-list', subscriptions.response.status, subscriptions.data);
    const preview = await client.GET('/subscriptions/{id}/change_plan/preview', {
      params: { path: { id: subscription }, query: { price: world.a.team.priceId, quantity: 2 } },
    });
    check('subscriptions-previewChange', preview.response.status, preview.data);
    expect(preview.data?.amount_due).toBe(8000);
    const changed = await client.POST('/subscriptions/{id}/change_plan', {
      params: { path: { id: subscription } },
      body: { price: world.a.team.priceId, quantity: 2 },
    });
    check('subscriptions-changePlan', changed.response.status, changed.data);
    expect(changed.data?.price).toBe(world.a.team.priceId);

    const invoiceGot = await client.GET('/invoices/{id}', { params: { path: { id: invoice } } });
    check('invoices-retrieve', invoiceGot.response.status, invoiceGot.data);
    const invoices = await client.GET('/invoices', { params: { query: { customer } } });
    check('invoices-list', invoices.response.status, invoices.data);
    const receipt = await fetch(`${world.base}/invoices/${invoice}/receipt`, {
      headers: { authorization: `Bearer ${world.a.key}` },
    });
    called.add('invoices-receipt');
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await receipt.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const payments = await client.GET('/payments', { params: { query: { customer } } });
    check('payments-list', payments.response.status, payments.data);
    const payment = payments.data?.data[0]?.id as string;
    const paymentGot = await client.GET('/payments/{id}', { params: { path: { id: payment } } });
    check('payments-retrieve', paymentGot.response.status, paymentGot.data);
    expect(paymentGot.data?.status).toBe('succeeded');

    const check1 = await client.GET('/entitlements/check', {
      params: { query: { customer, feature: 'api.access' } },
    });
    check('entitlements-check', check1.response.status, check1.data);
    expect(check1.data).toMatchObject({ allowed: true, kind: 'flag' });

    await licensingCalls(client, customer, check);

    const canceled = await client.POST('/subscriptions/{id}/cancel', {
      params: { path: { id: subscription } },
      body: { when: 'now' },
    });
    check('subscriptions-cancel', canceled.response.status, canceled.data);
    expect(canceled.data?.status).toBe('canceled');
    const after = await client.GET('/entitlements/check', {
      params: { query: { customer, feature: 'api.access' } },
    });
    expect(after.data?.allowed).toBe(false);

    const documented = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((o) => o.operationId),
    );
    expect([...called].sort()).toEqual(documented.sort());
  });

  it('answers failures in the documented error shape', async () => {
    const client = createClient<paths>({
      baseUrl: world.base,
      headers: { authorization: `Bearer ${world.a.key}` },
    });
    const missing = await client.GET('/customers/{id}', {
      params: { path: { id: 'cus_00000000000000000000000000' } },
    });
    expect(missing.response.status).toBe(404);
    conforms('customers-retrieve', 404, missing.error);
    expect(missing.error).toMatchObject({ error: { type: 'invalid_request_error', code: 'not_found' } });

    const invalid = await client.POST('/customers', {
      body: { name: 'X', email: 'not an email', country: 'US' },
    });
    expect(invalid.response.status).toBe(400);
    conforms('customers-create', 400, invalid.error);
    expect(invalid.error).toMatchObject({ error: { code: 'invalid_input', param: 'email' } });
  });
});
