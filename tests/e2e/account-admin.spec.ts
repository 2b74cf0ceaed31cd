import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { setPassword } from '../../server/auth';
import { openDataDir } from '../../server/backend/runtime';
import { callHosted, TEST_SCRYPT } from '../../server/hosted/hosted.test-kit';
import { insertMembership, insertTenant, insertUser } from '../../server/modules/tenants';
import { spawnServer, type SpawnedServer } from '../support/spawn-server';
import { expect, test } from './fixtures';
import { expectToast } from './support';
import { startWebMode, type WebMode } from './web-mode';

/**
 * Account admins in Chromium (decision 145): the tenant's admin, in a console connected to a
 * hosted server, invites someone from a customer's page; the invitation code arrives in the
 * server's email outbox; in a second console the invitee accepts it on the Connect page and
 * lands on My account — their company's invoices, and no staff navigation at all.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const NADIA = { email: 'nadia@northwind.test', password: 'violet harbour lantern forty-two' };
const BILL = { email: 'bill@northwind.test', password: 'amber meadow kettle seventy-one' };
const XAVIER = { email: 'xavier@xander.test', password: 'quiet copper lantern ninety-two' };

interface Started {
  hosted: SpawnedServer;
  staffWeb: WebMode;
  accountWeb: WebMode;
  nadia: string;
  tenantId: string;
}

let serverDir: string | undefined;
let started: Started | null = null;
const stops: (() => Promise<void>)[] = [];

async function seedServer(dataDir: string): Promise<string> {
  const database = openDataDir(dataDir);
  try {
    const now = Date.now();
    const tenant = await insertTenant(database.db, { name: 'Northwind Courses', slug: 'northwind', now });
    for (const [person, role] of [
      [NADIA, 'admin'],
      [BILL, 'billing'],
    ] as const) {
      const user = await insertUser(database.db, {
        email: person.email,
        name: person.email.split('@')[0] ?? '',
        now,
      });
      await insertMembership(database.db, { userId: user.id, tenantId: tenant.id, role, now });
      await setPassword(database.db, {
        userId: user.id,
        password: person.password,
        now,
        scrypt: TEST_SCRYPT,
      });
    }
    return tenant.id;
  } finally {
    await database.close();
  }
}

async function call<T>(url: string, type: 'query' | 'mutation', path: string, input: unknown, auth: object) {
  const outcome = await callHosted<T>(url, type, path, input, auth);
  if (outcome.data === undefined) throw new Error(`${path}: ${outcome.error?.message}`);
  return outcome.data;
}

/** Xander Corp and Yolanda Ltd, each subscribed and invoiced, made by the billing member. */
async function seedCustomers(url: string, tenantId: string) {
  const login = await call<{ accessToken: string }>(url, 'mutation', 'auth.login', BILL, {});
  const as = { token: login.accessToken, tenantId };
  const product = await call<{ id: string }>(
    url,
    'mutation',
    'catalog.createProduct',
    { name: 'Courses' },
    as,
  );
  const plan = await call<{ id: string }>(
    url,
    'mutation',
    'catalog.createPlan',
    { productId: product.id, name: 'Team', isDefault: true },
    as,
  );
  const price = await call<{ id: string }>(
    url,
    'mutation',
    'catalog.createPrice',
    { planId: plan.id, amount: 9900, currency: 'EUR', interval: 'month' },
    as,
  );
  for (const [name, email] of [
    ['Xander Corp', 'billing@xander.test'],
    ['Yolanda Ltd', 'billing@yolanda.test'],
  ]) {
    const customer = await call<{ id: string }>(
      url,
      'mutation',
      'customers.create',
      { name, email, country: 'FR' },
      as,
    );
    await call(
      url,
      'mutation',
      'paymentMethods.add',
      { customerId: customer.id, source: '4242 4242 4242 4242' },
      as,
    );
    await call(
      url,
      'mutation',
      'subscriptions.create',
      { customerId: customer.id, priceId: price.id, trialDays: 0 },
      as,
    );
  }
}

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-server-'));
  serverDir = dir;
  const tenantId = await seedServer(dir);
  const hosted = await spawnServer({
    entry: join(ROOT, 'server/hosted/main.ts'),
    env: {
      TOLLGATE_SERVER_DATA_DIR: dir,
      TOLLGATE_TOKEN_SECRET: 'cd'.repeat(32),
      TOLLGATE_SECRETS_KEY: Buffer.alloc(32, 0xcd).toString('base64'),
    },
    announce: 'Tollgate server:',
  });
  stops.push(() => hosted.stop());
  await seedCustomers(hosted.url, tenantId);
  const nadia = (await call<{ accessToken: string }>(hosted.url, 'mutation', 'auth.login', NADIA, {}))
    .accessToken;
  const staffWeb = await startWebMode();
  stops.push(() => staffWeb.stop());
  const accountWeb = await startWebMode();
  stops.push(() => accountWeb.stop());
  started = { hosted, staffWeb, accountWeb, nadia, tenantId };
});

test.afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

test('staff invite an account admin from the customer page; the admin accepts and sees only My account', async ({
  page,
}) => {
  if (!started) throw new Error('the servers did not start');
  const { hosted, staffWeb, accountWeb, nadia, tenantId } = started;

  // The tenant's admin connects and invites from Xander Corp's page.
  await page.goto(`${staffWeb.url}/#/connect`);
  await page.getByLabel('Server address').fill(hosted.url);
  await page.getByLabel('Email').fill(NADIA.email);
  await page.getByLabel('Password').fill(NADIA.password);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expectToast(page, 'Connected');
  const staff = { token: nadia, tenantId };
  const listed = await call<{ items: { id: string; name: string }[] }>(
    hosted.url,
    'query',
    'customers.list',
    { search: 'Xander' },
    staff,
  );
  await page.goto(`${staffWeb.url}/#/customers/${listed.items[0]?.id ?? ''}`);
  await expect(page.getByRole('heading', { name: /Xander Corp/ })).toBeVisible();
  const section = page.getByRole('region', { name: 'Account admins' });
  await section.getByRole('button', { name: 'Invite account admin' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite an admin of Xander Corp' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill(XAVIER.email);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  const sent = page.getByRole('dialog', { name: 'Invitation sent' });
  await expect(sent).toBeVisible();
  // The code, shown once to the staff member who invited (the invitee gets it by email).
  const code = ((await sent.getByTestId('secret-once').textContent()) ?? '').trim();
  expect(code).toMatch(/^tga_/);

  // The email in the outbox, which other staff can read, holds a marker where the code goes.
  const emails = await call<{ items: { id: string; recipient: string }[] }>(
    hosted.url,
    'query',
    'emails.list',
    { template: 'account_invitation' },
    staff,
  );
  const emailId = emails.items.find((e) => e.recipient === XAVIER.email)?.id ?? '';
  const email = await call<{ text: string }>(hosted.url, 'query', 'emails.get', { id: emailId }, staff);
  expect(email.text).toContain('Invitation code: «code, sent to the recipient only»');
  expect(email.text).not.toContain(code);

  // The invitee accepts in their own console and lands on My account.
  await page.goto(`${accountWeb.url}/#/connect`);
  await page.getByText('I have an invitation', { exact: true }).click();
  await page.getByLabel('Server address').fill(hosted.url);
  await page.getByLabel('Invitation code').fill(code);
  await page.getByLabel('Your name').fill('Xavier Xander');
  await page.getByLabel('Choose a password').fill(XAVIER.password);
  await page.getByRole('button', { name: 'Accept and connect' }).click();
  await expectToast(page, 'Invitation accepted');
  await page.goto(`${accountWeb.url}/#/customers`);
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
  await expect(page.getByText("Xander Corp's account with Northwind Courses")).toBeVisible();
  const invoices = page.getByRole('table', { name: 'Your invoices' });
  await expect(invoices.getByRole('row')).toHaveCount(2);
  await expect(invoices).toContainText('€99.00');
  await expect(page.getByText('Yolanda')).toHaveCount(0);

  // Their navigation: their account, its branding and the connection, nothing of the staff's.
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  await expect(links).toHaveText(['My account', 'Branding', 'Connect']);

  // And the page passes axe (WCAG 2.1 A and AA), as every staff page does; the acceptance's
  // toast, still fading out, is not the page.
  const { violations } = await new AxeBuilder({ page })
    .exclude('.mantine-Notification-root')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
