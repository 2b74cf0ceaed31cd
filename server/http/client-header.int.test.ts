import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_HEADER_RULE } from '../trpc/client-header';
import { startTestHostedServer, TEST_OWNER, type TestHostedServer } from '../hosted/hosted.test-kit';
import { systemClock } from '../lib/clock';

/**
 * The client header names the program in the audit trail, so a hosted server takes only
 * the shape the console and the desktop send: anything else is refused, naming the header,
 * before any procedure runs, rather than recorded as an unknown program.
 */

let dir: string;
let hosted: TestHostedServer;
let token: string;
let tenantId: string;
let counter = 0;

function createCustomer(client: string | null) {
  counter += 1;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
    'x-tollgate-tenant': tenantId,
  };
  if (client !== null) headers['x-tollgate-client'] = client;
  return fetch(`${hosted.url}/trpc/customers.create`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: `Client ${counter}`, email: `client${counter}@example.com`, country: 'US' }),
  });
}

const auditClients = () =>
  hosted.backend.database.db
    .selectFrom('audit_log')
    .select(['client', 'action'])
    .where('action', '=', 'customer.created')
    .execute();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-client-header-'));
  hosted = await startTestHostedServer({ dir, clock: systemClock });
  tenantId = (await hosted.backend.database.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow())
    .id;
  const login = await fetch(`${hosted.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tollgate-client': 'web:client-header-test' },
    body: JSON.stringify(TEST_OWNER),
  });
  token = ((await login.json()) as { result: { data: { accessToken: string } } }).result.data.accessToken;
}, 60_000);
afterAll(async () => {
  await hosted.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the x-tollgate-client header over HTTP', () => {
  it('records the program a well-formed header names', async () => {
    expect((await createCustomer('web:Console_01-abc')).status).toBe(200);
    expect((await createCustomer('desktop:desk-0a1b2c3d4e5f')).status).toBe(200);
    expect((await auditClients()).map((row) => row.client)).toEqual([
      'web:Console_01-abc',
      'desktop:desk-0a1b2c3d4e5f',
    ]);
  });

  it('refuses a malformed one with 400 naming the header, and runs nothing', async () => {
    const before = (await auditClients()).length;
    for (const client of [
      'web:<img src=x onerror=alert(1)>',
      `web:${'x'.repeat(65)}`,
      `web:${'x'.repeat(8000)}`,
      'x',
      'admin:root',
      'web:a b',
    ]) {
      const response = await createCustomer(client);
      expect(response.status, client.slice(0, 40)).toBe(400);
      const body = (await response.json()) as { error: string };
      expect(body).toEqual({ error: CLIENT_HEADER_RULE });
      expect(body.error).toContain('x-tollgate-client');
    }
    expect(await auditClients()).toHaveLength(before);
  });

  it('still refuses a missing one with 403', async () => {
    expect((await createCustomer(null)).status).toBe(403);
  });
});
