import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setPassword } from '../../server/auth';
import { openDataDir } from '../../server/backend/runtime';
import { callHosted, TEST_SCRYPT } from '../../server/hosted/hosted.test-kit';
import { insertMembership, insertTenant, insertUser } from '../../server/modules/tenants';
import { spawnServer, type SpawnedServer } from '../support/spawn-server';
import { expect, test } from './fixtures';
import { chooseCountry, dataRows, expectToast, searchCustomers, uniqueWord } from './support';
import { startWebMode, type WebMode } from './web-mode';

/**
 * Connected mode in Chromium: a web-mode console of its own (so the shared one stays
 * standalone) signs in to a hosted server started here as a tenant's admin, shows that
 * tenant's data, and a customer made in the console lands on the server. A second console
 * accepts an invitation the admin made and lands connected as the new member.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const ADMIN = { email: 'nadia@northwind.test', password: 'violet harbour lantern forty-two' };

interface Started {
  hosted: SpawnedServer;
  web: WebMode;
  /** A second console, standalone until the invitee accepts on it. */
  inviteeWeb: WebMode;
  token: string;
  tenantId: string;
}

let serverDir: string | undefined;
let started: Started | null = null;
/** What the setup started so far, stopped in reverse even when the setup failed half-way. */
const stops: (() => Promise<void>)[] = [];

/** Northwind and its admin, written before the server first starts (no owner needed then). */
async function seedServer(dataDir: string): Promise<string> {
  const database = openDataDir(dataDir);
  try {
    const now = Date.now();
    const tenant = await insertTenant(database.db, { name: 'Northwind Courses', slug: 'northwind', now });
    const admin = await insertUser(database.db, { email: ADMIN.email, name: 'Nadia Admin', now });
    await insertMembership(database.db, { userId: admin.id, tenantId: tenant.id, role: 'admin', now });
    await setPassword(database.db, { userId: admin.id, password: ADMIN.password, now, scrypt: TEST_SCRYPT });
    return tenant.id;
  } finally {
    await database.close();
  }
}

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-server-'));
  serverDir = dir;
  const tenantId = await seedServer(dir);
  // One server at a time: each start waits for its own readiness signal within the shared
  // budget, and three booting at once on a loaded machine would only slow all three.
  const hosted = await spawnServer({
    entry: join(ROOT, 'server/hosted/main.ts'),
    env: {
      TOLLGATE_SERVER_DATA_DIR: dir,
      TOLLGATE_TOKEN_SECRET: 'ab'.repeat(32),
      TOLLGATE_SECRETS_KEY: Buffer.alloc(32, 0xab).toString('base64'),
    },
    announce: 'Tollgate server:',
  });
  stops.push(() => hosted.stop());
  const login = await callHosted<{ accessToken: string }>(hosted.url, 'mutation', 'auth.login', ADMIN);
  const token = login.data?.accessToken ?? '';
  const customer = await callHosted(
    hosted.url,
    'mutation',
    'customers.create',
    { name: 'Nadia Northwind', email: 'nadia.customer@northwind.test', country: 'NO' },
    { token, tenantId },
  );
  expect(customer.status).toBe(200);
  const web = await startWebMode();
  stops.push(() => web.stop());
  const inviteeWeb = await startWebMode();
  stops.push(() => inviteeWeb.stop());
  started = { hosted, web, inviteeWeb, token, tenantId };
});

test.afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

test('connect to a hosted server, see its tenant, and make a change that reaches the server', async ({
  page,
}) => {
  if (!started) throw new Error('the servers did not start');
  const { web, hosted, token, tenantId } = started;
  await page.goto(`${web.url}/#/customers`);
  await expect(page.getByLabel('Mode: Standalone')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connect' }).click();
  await page.getByLabel('Server address').fill(hosted.url);
  // Someone guessed at an account from this address: the console says to wait, and how long.
  const guessed = { email: 'guessed@northwind.test', password: 'a guess' };
  for (let i = 0; i < 5; i++) await callHosted(hosted.url, 'mutation', 'auth.login', guessed);
  await page.getByLabel('Email').fill(guessed.email);
  await page.getByLabel('Password').fill(guessed.password);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('alert')).toContainText(/Too many sign-in attempts; try again in \d+ minutes/);

  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('alert')).toContainText('Email or password is wrong');

  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expectToast(page, 'Connected');
  await expect(page.getByTestId('connection-state')).toHaveText('Connected');
  await expect(page.getByLabel('Mode: Connected')).toBeVisible();

  // The server's tenant and its customer, read from the replica.
  await page.goto(`${web.url}/#/customers`);
  await expect(page.getByTestId('workspace-name')).toHaveText('Northwind Courses');
  await expect(dataRows(page).filter({ hasText: 'Nadia Northwind' })).toHaveCount(1);

  const word = uniqueWord();
  await page.getByRole('button', { name: 'New customer' }).click();
  await page.getByLabel('Name').fill(`Olaf ${word}`);
  await page.getByLabel('Email').fill(`${word.toLowerCase()}@northwind.test`);
  await chooseCountry(page, 'Norway');
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expectToast(page, 'Customer created');
  await page.goto(`${web.url}/#/customers`);
  await expect(dataRows(page).first()).toBeVisible();
  await searchCustomers(page, word);
  await expect(dataRows(page)).toHaveCount(1);

  // On the server itself.
  const onServer = await callHosted<{ items: { name: string }[] }>(
    hosted.url,
    'query',
    'customers.list',
    { status: 'all', search: word },
    { token, tenantId },
  );
  expect(onServer.data?.items.map((c) => c.name)).toEqual([`Olaf ${word}`]);

  // The command is listed as applied, named by what it did.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connect' }).click();
  const outbox = page.getByRole('table', { name: 'Outbox' });
  await expect(outbox).toContainText(`Create customer Olaf ${word}`);
  await expect(outbox).toContainText('Applied');
});

test('accept an invitation on the Connect page and land connected as the new member', async ({ page }) => {
  if (!started) throw new Error('the servers did not start');
  const { inviteeWeb, hosted, token, tenantId } = started;
  const invited = await callHosted<{ token: string }>(
    hosted.url,
    'mutation',
    'admin.invitations.create',
    { scope: 'tenant', email: 'ivy@northwind.test', role: 'viewer' },
    { token, tenantId },
  );
  const code = invited.data?.token ?? '';
  expect(code).toMatch(/^tgi_/);

  await page.goto(`${inviteeWeb.url}/#/connect`);
  await page.getByText('I have an invitation', { exact: true }).click();
  await page.getByLabel('Server address').fill(hosted.url);
  await page.getByLabel('Invitation code').fill(`${code}-mistyped`);
  await page.getByLabel('Your name').fill('Ivy Invitee');
  // The policy is shown, and checked as typed.
  await expect(page.getByText(/At least 12 characters/)).toBeVisible();
  await page.getByLabel('Choose a password').fill('short');
  await page.getByRole('button', { name: 'Accept and connect' }).click();
  await expect(page.getByText('Use at least 12 characters')).toBeVisible();

  // The server's refusal of the code shows on the code's field.
  await page.getByLabel('Choose a password').fill('quiet meadow copper kettle');
  await page.getByRole('button', { name: 'Accept and connect' }).click();
  await expect(page.getByText('This invitation was not found')).toBeVisible();
  await expect(page.getByLabel('Invitation code')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Invitation code').fill(code);
  await page.getByRole('button', { name: 'Accept and connect' }).click();
  await expectToast(page, 'Invitation accepted');
  await expect(page.getByTestId('connection-state')).toHaveText('Connected');
  await expect(page.getByLabel('Mode: Connected')).toBeVisible();

  await page.goto(`${inviteeWeb.url}/#/customers`);
  await expect(page.getByTestId('workspace-name')).toHaveText('Northwind Courses');
  await expect(dataRows(page).filter({ hasText: 'Nadia Northwind' })).toHaveCount(1);
});
