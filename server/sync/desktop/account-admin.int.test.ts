import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmbeddedBackend } from '../../embedded/backend';
import { ManualClock } from '../../lib/clock';
import { expectDomainError } from '../../testing/errors.test-kit';
import {
  desktopCaller,
  seedTenant,
  startDesktop,
  startServer,
  type RestartableServer,
} from './desktop.test-kit';

/**
 * An account admin on the desktop (decision 145): invited by the tenant's admin, they accept
 * on the Connect page's form, the desktop connects, and its replica lets them read their own
 * customer's account, and no other customer or staff screen.
 */

const PASSWORD = 'correct horse battery staple';
const XAVIER = { email: 'xavier@x.example', name: 'Xavier', password: 'quiet meadow copper kettle' };

let dir: string;
let server: RestartableServer;
let desktop: EmbeddedBackend | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-account-'));
  server = await startServer(dir, new ManualClock(Date.now()));
});

afterEach(async () => {
  await desktop?.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('an account admin on the desktop', () => {
  it('accepts, connects, and reads only their own customer’s account from the replica', async () => {
    const acme = await seedTenant(server, {
      name: 'Acme',
      slug: 'acme',
      adminEmail: 'ada@acme.test',
      password: PASSWORD,
    });
    const staff = await acme.caller();
    const x = await staff.customers.create({
      name: 'Xander Corp',
      email: 'billing@x.example',
      country: 'FR',
    });
    await staff.customers.create({ name: 'Yolanda Ltd', email: 'billing@y.example', country: 'FR' });
    const { token } = await staff.accountAdmins.invite({ customerId: x.id, email: XAVIER.email });

    desktop = await startDesktop(join(dir, 'desktop'), new ManualClock(Date.now()), {});
    const status = await desktopCaller(desktop).connection.acceptInvitation({
      serverUrl: server.url,
      code: token,
      name: XAVIER.name,
      password: XAVIER.password,
    });
    expect(status.state).toBe('connected');

    const caller = desktopCaller(desktop);
    const overview = await caller.account.overview();
    expect(overview.customer).toMatchObject({ id: x.id, name: 'Xander Corp' });
    expect(overview.vendor.name).toBe('Acme');
    expect(JSON.stringify(await caller.account.invoices({}))).not.toContain('Yolanda');
    await expectDomainError(() => caller.customers.list({ status: 'all' }), 'FORBIDDEN');
    await expectDomainError(() => caller.tenants.session(), 'FORBIDDEN');
  });
});
