import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { productCreateInput } from '../../shared/catalog/schema';
import { customerCreateInput } from '../../shared/customers/schema';
import type { UsageLimit } from '../../shared/licensing/policy';
import { setPassword } from '../../server/auth';
import { openDataDir } from '../../server/backend/runtime';
import { TEST_SCRYPT } from '../../server/hosted/hosted.test-kit';
import { systemClock } from '../../server/lib/clock';
import { createProduct } from '../../server/modules/catalog';
import { createCustomer } from '../../server/modules/customers';
import { ACCOUNT_POLICY, seedLicense, seedPolicy } from '../../server/modules/licensing/licensing.test-kit';
import { insertAccountMember, insertTenant, insertUser } from '../../server/modules/tenants';
import { spawnServer, type SpawnedServer } from '../support/spawn-server';
import { expect, test } from './fixtures';
import { expectToast } from './support';
import { startWebMode, type WebMode } from './web-mode';

/**
 * An account admin's licenses in Chromium (decision 145): Xavier, admin of Xander Corp at a
 * hosted server, signs in on the Connect page, opens his company's license on My account,
 * gives a colleague a seat (the seat count moves from 1 of 5 to 2 of 5) and releases a dead
 * laptop after confirming — the machine leaves his replica, and nothing of another customer shows.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const XAVIER = { email: 'xavier@xander.test', password: 'quiet copper lantern ninety-two' };
const HOUR = 3_600_000;

let serverDir: string | undefined;
let started: { hosted: SpawnedServer; web: WebMode } | null = null;
const stops: (() => Promise<void>)[] = [];

/** A tenant with two customers, each licensed, and Xander Corp's account admin. */
async function seedServer(dataDir: string): Promise<void> {
  const database = openDataDir(dataDir);
  try {
    const now = Date.now();
    const tenant = await insertTenant(database.db, { name: 'Northwind Courses', slug: 'northwind', now });
    const scope = {
      db: database.db,
      clock: systemClock,
      tenantId: tenant.id,
      actor: { userId: null, name: 'Seed', client: 'test:seed' },
    };
    const product = await createProduct(scope, productCreateInput.parse({ name: 'Campus' }));
    const customer = async (name: string, email: string) =>
      createCustomer(scope, customerCreateInput.parse({ name, email, country: 'FR' }));
    const xander = await customer('Xander Corp', 'billing@xander.test');
    const yolanda = await customer('Yolanda Ltd', 'billing@yolanda.test');
    const licenseOf = async (
      customerId: string,
      name: string,
      seed: Omit<Parameters<typeof seedLicense>[1], 'policy' | 'customerId' | 'now'>,
      usageLimits: UsageLimit[] = [],
    ) => {
      const policy = await seedPolicy(database.db, {
        tenantId: tenant.id,
        productId: product.id,
        name: `${name} policy`,
        now,
        ...ACCOUNT_POLICY,
        usageLimits,
      });
      await seedLicense(database.db, { policy, customerId, name, now, ...seed });
    };
    await licenseOf(
      xander.id,
      'Campus 2027',
      {
        machines: [
          { fingerprint: 'fp-old-laptop', name: 'Old laptop', lastHeartbeatAt: now - 48 * HOUR },
          { fingerprint: 'fp-lab-desktop', name: 'Lab desktop' },
        ],
        seats: [{ email: 'ada@xander.test', name: 'Ada' }],
        usage: [{ metric: 'course_hours', period: '2026-12', quantity: 40 }],
      },
      [{ metric: 'course_hours', limit: 100, rule: { kind: 'BLOCK' } }],
    );
    await licenseOf(yolanda.id, 'Yolanda site license', {
      machines: [{ fingerprint: 'fp-yolanda', name: 'Yolanda kiosk' }],
    });
    const user = await insertUser(database.db, { email: XAVIER.email, name: 'Xavier', now });
    await insertAccountMember(database.db, {
      tenantId: tenant.id,
      customerId: xander.id,
      userId: user.id,
      createdBy: null,
      now,
    });
    await setPassword(database.db, { userId: user.id, password: XAVIER.password, now, scrypt: TEST_SCRYPT });
  } finally {
    await database.close();
  }
}

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-server-'));
  serverDir = dir;
  await seedServer(dir);
  const hosted = await spawnServer({
    entry: join(ROOT, 'server/hosted/main.ts'),
    env: {
      TOLLGATE_SERVER_DATA_DIR: dir,
      TOLLGATE_TOKEN_SECRET: 'ef'.repeat(32),
      TOLLGATE_SECRETS_KEY: Buffer.alloc(32, 0xef).toString('base64'),
    },
    announce: 'Tollgate server:',
  });
  stops.push(() => hosted.stop());
  const web = await startWebMode();
  stops.push(() => web.stop());
  started = { hosted, web };
});

test.afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

test('an account admin assigns a seat and releases a dead machine of their own license', async ({ page }) => {
  if (!started) throw new Error('the servers did not start');
  const { hosted, web } = started;

  await page.goto(`${web.url}/#/connect`);
  await page.getByLabel('Server address').fill(hosted.url);
  await page.getByLabel('Email').fill(XAVIER.email);
  await page.getByLabel('Password').fill(XAVIER.password);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expectToast(page, 'Connected');
  await page.goto(`${web.url}/#/account`);
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();

  // The account's licenses: its own only.
  await page.getByRole('tab', { name: 'Licenses' }).click();
  const licenses = page.getByRole('table', { name: 'Your licenses' });
  await expect(licenses.getByRole('row')).toHaveCount(2);
  await expect(licenses).toContainText('Campus 2027');
  await expect(licenses).toContainText('1 of 5 seats');
  await expect(licenses).toContainText('2 of 3 machines');
  await expect(page.getByText(/Yolanda/)).toHaveCount(0);
  await licenses.getByRole('button', { name: 'Open Campus 2027' }).click();

  // A seat for a colleague: the count moves, the limit is shown.
  const seats = page.getByRole('region', { name: 'Seats' });
  await expect(seats).toContainText('1 of 5 seats');
  await seats.getByRole('button', { name: 'Assign seat' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assign a seat on Campus 2027' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('Grace@Xander.test');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Grace');
  await dialog.getByRole('button', { name: 'Assign seat' }).click();
  await expectToast(page, 'Seat assigned');
  await expect(seats.getByRole('table', { name: 'Seat holders' })).toContainText('grace@xander.test');
  await expect(seats).toContainText('2 of 5 seats');

  // The old laptop has missed its heartbeat: released after confirming, it leaves the list.
  const machines = page.getByRole('region', { name: 'Machines' });
  const table = machines.getByRole('table', { name: 'Activated machines' });
  await expect(table.getByRole('row', { name: /Old laptop/ })).toContainText('no heartbeat');
  await machines.getByRole('button', { name: 'Release Old laptop' }).click();
  const confirm = page.getByRole('dialog', { name: 'Release Old laptop?' });
  await confirm.getByRole('button', { name: 'Release machine' }).click();
  await expectToast(page, 'Machine released');
  await expect(table.getByRole('row', { name: /Old laptop/ })).toHaveCount(0);
  await expect(table).toContainText('Lab desktop');

  // Usage against its limit.
  await expect(page.getByRole('region', { name: 'Usage' })).toContainText('40 / 100 in 2026-12');
});
