import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock';
import { expectDomainError } from '../../testing/errors.test-kit';
import { desktopCaller, seedTenant, startDesktop, useServerInFolder } from './desktop.test-kit';

/**
 * An account admin on the desktop (decision 145): invited by the tenant's admin, they accept
 * on the Connect page's form, the desktop connects, and its replica lets them read their own
 * customer's account, and no other customer or staff screen.
 */

const PASSWORD = 'correct horse battery staple';
const XAVIER = { email: 'xavier@x.example', name: 'Xavier', password: 'quiet meadow copper kettle' };

const at = useServerInFolder('tollgate-account-');

describe('an account admin on the desktop', () => {
  it('accepts, connects, and reads only their own customer’s account from the replica', async () => {
    const acme = await seedTenant(at.server, {
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

    at.desktop = await startDesktop(join(at.dir, 'desktop'), new ManualClock(Date.now()), {});
    const status = await desktopCaller(at.desktop).connection.acceptInvitation({
      serverUrl: at.server.url,
      code: token,
      name: XAVIER.name,
      password: XAVIER.password,
    });
    expect(status.state).toBe('connected');

    const caller = desktopCaller(at.desktop);
    const overview = await caller.account.overview();
    expect(overview.customer).toMatchObject({ id: x.id, name: 'Xander Corp' });
    expect(overview.vendor.name).toBe('Acme');
    expect(JSON.stringify(await caller.account.invoices({}))).not.toContain('Yolanda');
    await expectDomainError(() => caller.customers.list({ status: 'all' }), 'FORBIDDEN');
    await expectDomainError(() => caller.tenants.session(), 'FORBIDDEN');
  });
});
