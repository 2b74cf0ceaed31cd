import type { Page } from '@playwright/test';
import { SCREEN_BUDGET_MS } from '../support/budgets';
import { dialog } from './billing-support';
import { expect, test } from './fixtures';
import { expectToast, toast, uniqueWord } from './support';

/**
 * Administration in web mode, where the local owner is a platform owner: a tenant made and
 * suspended, someone invited with the code shown once, and an API key made and revoked.
 */

/** The secret a dialog shows once, after checking Copy puts exactly it on the clipboard. */
async function copySecret(page: Page, dialogName: string): Promise<string> {
  const shown = dialog(page, dialogName);
  await expect(shown.getByText('It is shown only this once')).toBeVisible();
  const secret = (await shown.getByTestId('secret-once').textContent()) ?? '';
  await shown.getByRole('button', { name: 'Copy' }).click();
  await expect(shown.getByRole('button', { name: 'Copied' })).toBeVisible();
  // A string expression: the tests' tsconfig has no DOM types.
  const copied = await page.evaluate<string>('navigator.clipboard.readText()');
  expect(copied).toBe(secret);
  await page.keyboard.press('Escape');
  await expect(shown).toBeHidden();
  return secret;
}

test.beforeEach(async ({ context }) => {
  // A shared, loaded machine: each test walks several screens, each waiting on the backend.
  test.slow();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

/** Budget for a list to arrive on a loaded machine; the wait ends as soon as it shows. */
const LOADED = { timeout: SCREEN_BUDGET_MS };

test('a platform owner creates a tenant and suspends it after confirming', async ({ page }) => {
  const name = `Acme ${uniqueWord()}`;
  await page.goto('/#/customers');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).click();
  await expect(page.getByRole('heading', { name: 'Tenants' })).toBeVisible();

  await page.getByRole('button', { name: 'New tenant' }).click();
  const create = dialog(page, 'New tenant');
  await create.getByRole('textbox', { name: 'Name' }).fill(name);
  const slug = name.toLowerCase().replace(' ', '-');
  await expect(create.getByRole('textbox', { name: 'Slug' })).toHaveValue(slug);
  await create.getByRole('button', { name: 'Create tenant' }).click();
  await expectToast(page, 'Tenant created');

  const row = page.getByRole('table', { name: 'Tenants' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(slug);
  await expect(row).toContainText('Active');

  await row.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Suspend' }).click();
  const confirm = dialog(page, `Suspend ${name}?`);
  await expect(confirm).toContainText('Its members and API keys are refused');
  await confirm.getByRole('button', { name: 'Suspend tenant' }).click();
  await expectToast(page, 'Tenant suspended');
  await expect(row).toContainText('Suspended');

  // The same slug cannot be taken twice: the form says so under the field.
  await page.getByRole('button', { name: 'New tenant' }).click();
  await create.getByRole('textbox', { name: 'Name' }).fill(name);
  await create.getByRole('button', { name: 'Create tenant' }).click();
  await expect(create.getByText('Another tenant already uses this slug')).toBeVisible();
});

test('an owner invites someone: the code is shown once, then the invitation is listed and revoked', async ({
  page,
}) => {
  const email = `grace.${uniqueWord().toLowerCase()}@example.com`;
  await page.goto('/#/admin/members');
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  // The demo tenant has no members of its own; the local owner is platform staff.
  await expect(page.getByText('Nobody has a role here yet: invite someone.')).toBeVisible();
  const staff = page.getByRole('table', { name: 'Platform staff' });
  await expect(staff.getByRole('textbox', { name: /^Role of / })).toHaveValue('Owner');

  await page.getByRole('button', { name: 'Invite' }).click();
  const invite = dialog(page, 'Invite someone');
  await invite.getByRole('textbox', { name: 'Email' }).fill(email);
  await invite.getByRole('textbox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Billing' }).click();
  await invite.getByRole('button', { name: 'Create invitation' }).click();
  const code = await copySecret(page, 'Invitation created');
  expect(code).toMatch(/^tgi_[\w-]{43}$/);

  const open = page
    .getByRole('table', { name: 'Open invitations' })
    .getByRole('row')
    .filter({ hasText: email });
  await expect(open).toContainText('Billing');
  await open.getByRole('button', { name: 'Revoke' }).click();
  await dialog(page, `Revoke the invitation for ${email}?`)
    .getByRole('button', { name: 'Revoke invitation' })
    .click();
  await expectToast(page, 'Invitation revoked');
  await expect(open).toBeHidden();
});

test('an API key is shown once with a warning, listed by its prefix, and revoked after confirming', async ({
  page,
}) => {
  const name = `Course site ${uniqueWord()}`;
  await page.goto('/#/admin/api-keys');
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
  await page.getByRole('button', { name: 'New API key' }).click();
  const create = dialog(page, 'New API key');
  await create.getByRole('textbox', { name: 'Name' }).fill(name);
  await create.getByRole('button', { name: 'Create key' }).click();
  const key = await copySecret(page, 'API key created');

  const row = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(row).not.toContainText(key);
  await expect(row).toContainText('Viewer');
  await expect(row).toContainText('All of Viewer');
  await expect(row).toContainText('Active');

  await row.getByRole('button', { name: 'Revoke' }).click();
  await dialog(page, `Revoke ${name}?`).getByRole('button', { name: 'Revoke key' }).click();
  await expectToast(page, 'API key revoked');
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: 'Revoke' })).toBeHidden();
});

test('a key is narrowed to chosen scopes: read only for its role, one more taken away, shown in the list', async ({
  page,
}) => {
  const name = `Catalog sync ${uniqueWord()}`;
  await page.goto('/#/admin/api-keys');
  await page.getByRole('button', { name: 'New API key' }).click();
  const create = dialog(page, 'New API key');
  await create.getByRole('textbox', { name: 'Name' }).fill(name);
  await create.getByRole('textbox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Billing' }).click();
  // A new role starts with all of its permissions, grouped by area.
  await expect(create.getByText('9 of 9 chosen')).toBeVisible();
  const customers = create.getByRole('group', { name: 'Customers' });
  await expect(customers.getByRole('checkbox', { name: 'customers.write' })).toBeChecked();

  await create.getByRole('button', { name: 'Read only' }).click();
  await expect(customers.getByRole('checkbox', { name: 'customers.write' })).not.toBeChecked();
  await expect(customers.getByRole('checkbox', { name: 'customers.read' })).toBeChecked();
  await expect(create.getByText('5 of 9 chosen')).toBeVisible();
  await create
    .getByRole('group', { name: 'Billing' })
    .getByRole('checkbox', { name: 'billing.read' })
    .uncheck();
  await expect(create.getByText('4 of 9 chosen')).toBeVisible();
  await create.getByRole('button', { name: 'Create key' }).click();
  await copySecret(page, 'API key created');

  const row = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Billing');
  for (const scope of ['tenants.read', 'customers.read', 'licensing.read', 'marketplace.read']) {
    await expect(row).toContainText(scope);
  }
  await expect(row).not.toContainText('billing.read');
  await expect(row).not.toContainText('customers.write');
  await expect(row).toContainText('Never');
});

test('a key needs at least one scope', async ({ page }) => {
  await page.goto('/#/admin/api-keys');
  await page.getByRole('button', { name: 'New API key' }).click();
  const create = dialog(page, 'New API key');
  await create.getByRole('textbox', { name: 'Name' }).fill(`Empty ${uniqueWord()}`);
  for (const box of await create.getByRole('checkbox').all()) await box.uncheck();
  await expect(create.getByText('0 of 5 chosen')).toBeVisible();
  await create.getByRole('button', { name: 'Create key' }).click();
  await expect(create.getByText('Choose at least one scope')).toBeVisible();
  await expect(dialog(page, 'API key created')).toBeHidden();
});

test('the Roles page shows what each role may do', async ({ page }) => {
  await page.goto('/#/admin/roles');
  const matrix = page.getByRole('table', { name: 'Permissions by role' });
  const usersRow = matrix.getByRole('row').filter({ hasText: 'users.manage' });
  await expect(usersRow.getByLabel('tenant Admin: allowed')).toBeVisible(LOADED);
  await expect(usersRow.getByLabel('tenant Viewer: not allowed')).toBeVisible();
});

test('a new tenant is no dead end: its first admin is invited from the toast, and the switcher opens it', async ({
  page,
}) => {
  const name = `Borealis ${uniqueWord()}`;
  const email = `first.admin.${uniqueWord().toLowerCase()}@example.com`;
  await page.goto('/#/admin/tenants');
  await page.getByRole('button', { name: 'New tenant' }).click();
  const create = dialog(page, 'New tenant');
  await create.getByRole('textbox', { name: 'Name' }).fill(name);
  await create.getByRole('button', { name: 'Create tenant' }).click();

  // The toast's advice is a button: the invite dialog opens on the new tenant.
  const created = toast(page, 'Tenant created');
  await expect(created).toContainText(`${name} is ready`);
  await created.getByRole('button', { name: 'Invite its first admin' }).click();
  const invite = dialog(page, `Invite someone to ${name}`);
  await expect(invite.getByRole('textbox', { name: 'Tenant' })).toHaveValue(name);
  await invite.getByRole('textbox', { name: 'Email' }).fill(email);
  await invite.getByRole('textbox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Admin' }).click();
  await invite.getByRole('button', { name: 'Create invitation' }).click();
  const issued = dialog(page, 'Invitation created');
  await expect(issued).toContainText(`${email} is invited to ${name}`);
  await page.keyboard.press('Escape');
  await expect(issued).toBeHidden();

  // The switcher moves the console into it: its members list holds the invitation, its
  // audit log begins with its creation.
  await page.getByRole('button', { name: /Switch workspace/ }).click();
  await page.getByRole('menuitem', { name }).click();
  await expect(page.getByTestId('workspace-name')).toHaveText(name, LOADED);
  await expect(page).toHaveURL(/#\/customers/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
  await expect(page.getByText(`People who work in ${name}`)).toBeVisible(LOADED);
  await expect(
    page.getByRole('table', { name: 'Open invitations' }).getByRole('row').filter({ hasText: email }),
  ).toContainText('Admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  const log = page.getByRole('grid', { name: 'Audit log' });
  await expect(log.getByRole('row').filter({ hasText: 'tenant.created' })).toBeVisible(LOADED);
  await expect(log.getByRole('row').filter({ hasText: 'invitation.created' })).toBeVisible();

  // A reload stays in the chosen tenant.
  await page.reload();
  await expect(page.getByTestId('workspace-name')).toHaveText(name, LOADED);
});
