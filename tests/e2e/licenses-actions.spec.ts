import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { openDataDir } from '../../server/backend/runtime';
import { seedPolicy } from '../../server/modules/licensing/licensing.test-kit';
import { writeActivationRequest } from '../../shared/licensing/activation';
import { expect, test } from './fixtures';

/**
 * What staff do to an issued license from its page in web mode: see its key again, give it a
 * new one when it leaked, transfer it to another customer, activate a machine from an offline
 * request file and download a machine's file, link it to a subscription of its customer. Each
 * test issues its own license in the console.
 */

interface Customer {
  name: string;
  email: string;
}

const KEY = /^TG1\.[\w-]+\.[\w-]+\.[\w-]+$/;

/** Two active customers of the demo workspace, and a new floating policy of its first product. */
async function prepare(dataDir: string, policyName: string): Promise<[Customer, Customer]> {
  const database = openDataDir(dataDir);
  try {
    const customers = await database.db
      .selectFrom('customers')
      .select(['name', 'email', 'tenant_id'])
      .where('status', '=', 'active')
      .orderBy('created_at')
      .execute();
    const [first] = customers;
    const second = customers.find((c) => c !== first && c.tenant_id === first?.tenant_id);
    if (!first || !second) throw new Error('the demo workspace has fewer than two active customers');
    const product = await database.db
      .selectFrom('products')
      .select('id')
      .where('tenant_id', '=', first.tenant_id)
      .executeTakeFirstOrThrow();
    await seedPolicy(database.db, {
      tenantId: first.tenant_id,
      productId: product.id,
      name: policyName,
      now: Date.now(),
      max_machines: 5,
      max_users: 10,
    });
    return [first, second];
  } finally {
    await database.close();
  }
}

/** Issues a license named `name` to `customer` through the console, opens its page; its key. */
async function issueAndOpen(page: Page, customer: Customer, policyName: string, name: string) {
  await page.goto('/#/licenses');
  await page.getByRole('button', { name: 'Issue license' }).click();
  const dialog = page.getByRole('dialog', { name: 'Issue a license' });
  await dialog.getByRole('textbox', { name: 'Customer' }).fill(customer.email);
  await page.getByRole('option', { name: `${customer.name} (${customer.email})` }).click();
  await dialog.getByRole('textbox', { name: 'Policy' }).click();
  await page.getByRole('option', { name: policyName }).click();
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Issue license' }).click();
  const issued = page.getByRole('dialog', { name: 'License issued' });
  await expect(issued.getByTestId('secret-once')).toHaveText(KEY);
  const key = (await issued.getByTestId('secret-once').textContent()) ?? '';
  await issued.getByRole('button', { name: 'Open the license' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  return key;
}

const POLICIES = ['Actions keys', 'Actions transfer', 'Actions offline', 'Actions relink'];

/**
 * The worker's backend is shared with the specs after this one (licenses.spec counts the
 * workspace's licenses): what these tests issued goes again, with what was recorded on it.
 */
async function removeIssued(dataDir: string): Promise<void> {
  const database = openDataDir(dataDir);
  try {
    const db = database.db;
    const policies = db.selectFrom('license_policies').select('id').where('name', 'in', POLICIES);
    const licenses = db.selectFrom('licenses').select('id').where('policy_id', 'in', policies);
    for (const table of ['license_machines', 'license_seats', 'license_validations'] as const) {
      await db.deleteFrom(table).where('license_id', 'in', licenses).execute();
    }
    await db.deleteFrom('licenses').where('policy_id', 'in', policies).execute();
    await db.deleteFrom('license_policies').where('name', 'in', POLICIES).execute();
  } finally {
    await database.close();
  }
}

test.afterAll(async ({ webMode }) => {
  await removeIssued(webMode.dataDir);
});

async function action(page: Page, item: string) {
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function textOf(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8');
}

test('reveals the key once, and a new key for a leaked one replaces it', async ({ page, webMode }) => {
  const [ada] = await prepare(webMode.dataDir, 'Actions keys');
  const key = await issueAndOpen(page, ada, 'Actions keys', 'Keys campus');

  await action(page, 'Reveal key…');
  const reveal = page.getByRole('dialog', { name: 'Reveal the key of Keys campus?' });
  await expect(reveal).toContainText('recorded in the audit log');
  await reveal.getByRole('button', { name: 'Reveal key' }).click();
  await expect(reveal.getByTestId('secret-once')).toHaveText(key);
  await reveal.getByRole('button', { name: 'Done' }).click();
  await expect(reveal).toBeHidden();

  await action(page, 'New key (leaked)…');
  const rekey = page.getByRole('dialog', { name: 'Give Keys campus a new key?' });
  await expect(rekey).toContainText(`the key ending ${key.slice(-4)} stops working at once`);
  await rekey.getByRole('button', { name: 'Make a new key' }).click();
  const shown = rekey.getByTestId('secret-once');
  await expect(shown).toHaveText(KEY);
  const newKey = (await shown.textContent()) ?? '';
  expect(newKey).not.toBe(key);
  await rekey.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('region', { name: 'License' })).toContainText(`…${newKey.slice(-4)}`);

  await action(page, 'Reveal key…');
  await reveal.getByRole('button', { name: 'Reveal key' }).click();
  await expect(reveal.getByTestId('secret-once')).toHaveText(newKey);
});

test('transfers a license to another customer of the workspace', async ({ page, webMode }) => {
  const [ada, grace] = await prepare(webMode.dataDir, 'Actions transfer');
  await issueAndOpen(page, ada, 'Actions transfer', 'Moving campus');
  await action(page, 'Transfer…');
  const dialog = page.getByRole('dialog', { name: 'Transfer Moving campus' });
  await expect(dialog).toContainText('machines, seats, usage and validation log move with it');
  await dialog.getByRole('textbox', { name: 'New customer' }).fill(grace.email);
  await page.getByRole('option', { name: `${grace.name} (${grace.email})` }).click();
  await dialog.getByRole('button', { name: 'Transfer license' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: grace.name, exact: true })).toBeVisible();
});

/** A customer of the demo workspace with a live subscription: the one a license gets linked to. */
async function subscriber(dataDir: string): Promise<Customer> {
  const database = openDataDir(dataDir);
  try {
    return await database.db
      .selectFrom('customers as c')
      .innerJoin('subscriptions as s', 's.customer_id', 'c.id')
      .select(['c.name', 'c.email'])
      .where('c.status', '=', 'active')
      .where('s.status', '=', 'active')
      .orderBy('c.created_at')
      .executeTakeFirstOrThrow();
  } finally {
    await database.close();
  }
}

test('links a license to a subscription of its customer', async ({ page, webMode }) => {
  await prepare(webMode.dataDir, 'Actions relink');
  const customer = await subscriber(webMode.dataDir);
  await issueAndOpen(page, customer, 'Actions relink', 'Linked campus');
  await action(page, 'Link to subscription…');
  const dialog = page.getByRole('dialog', { name: 'Link Linked campus to a subscription' });
  await dialog.getByRole('button', { name: 'Link license' }).click();
  await expect(dialog.getByText('Choose the subscription the license follows')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Subscription' }).click();
  await page.getByRole('option').first().click();
  await dialog.getByRole('button', { name: 'Link license' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: /· Active$/ })).toBeVisible();
});

test('activates a machine from an offline request file and downloads machine files', async ({
  page,
  webMode,
}) => {
  const [ada] = await prepare(webMode.dataDir, 'Actions offline');
  const key = await issueAndOpen(page, ada, 'Actions offline', 'Offline campus');
  const machines = page.getByRole('region', { name: 'Machines' });
  await machines.getByRole('button', { name: 'Activate offline…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Activate a machine offline' });
  const upload = dialog.locator('input[type="file"]');

  await upload.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await dialog.getByRole('button', { name: 'Activate and download' }).click();
  await expect(dialog).toContainText('The request file cannot be read: not a Tollgate activation request');

  const request = await writeActivationRequest({
    licenseKey: key,
    fingerprint: 'e2e-lab-pc-0001',
    name: 'Lab PC',
    platform: 'windows',
    createdAt: Date.now(),
  });
  await upload.setInputFiles({ name: 'lab-pc.req', mimeType: 'text/plain', buffer: Buffer.from(request) });
  const activated = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Activate and download' }).click();
  const first = await activated;
  expect(first.suggestedFilename()).toMatch(/^lmc_\w+\.machine\.lic$/);
  expect(await textOf(first)).toContain('-----BEGIN TOLLGATE MACHINE FILE-----');
  await expect(dialog).toBeHidden();
  const row = machines
    .getByRole('table', { name: 'Machines' })
    .getByRole('row')
    .filter({ hasText: 'Lab PC' });
  await expect(row).toContainText('Offline file');

  await row.getByRole('button', { name: 'Machine file of Lab PC' }).click();
  const again = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Download', exact: true }).click();
  const second = await again;
  expect(second.suggestedFilename()).toBe(first.suggestedFilename());
  expect(await textOf(second)).toContain('-----BEGIN TOLLGATE MACHINE FILE-----');
});
