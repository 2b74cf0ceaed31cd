import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCustomer, expectToast, uniqueWord } from './support';

/**
 * White-label branding on a customer's page (issue 15): staff edit a draft and see the three
 * previews (header, the server's email in its sandboxed frame, the license screen), are told
 * why a colour pair fails WCAG AA and fix it with the suggested shade, publish after confirming,
 * publish a second version, and restore the first into the draft.
 */

async function setField(section: Locator, label: string, value: string) {
  const input = section.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press('Escape');
  await input.blur();
}

async function confirm(page: Page, button: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden();
}

test('staff edit a draft, preview it, fix a contrast failure, publish and restore', async ({ page }) => {
  const word = uniqueWord();
  const customer = await createCustomer(page.request, {
    name: `Brand ${word}`,
    email: `brand.${word.toLowerCase()}@example.com`,
    country: 'US',
  });
  await page.goto(`/#/customers/${customer.id}`);
  const section = page.getByRole('region', { name: 'Account branding' });
  await expect(
    section
      .getByText('In force: The workspace’s published branding', { exact: false })
      .or(section.getByText('In force: The defaults', { exact: false })),
  ).toBeVisible();

  await setField(section, 'Product name', `${word} Learning`);
  await setField(section, 'Text colour', '#aaaaaa');
  // The header and license screen follow the form as typed.
  await expect(section.getByRole('figure', { name: 'Console header preview' })).toContainText(
    `${word} Learning`,
  );
  await expect(section.getByRole('figure', { name: 'License screen preview' })).toContainText(
    `Licensed to Brand ${word}`,
  );
  // The failing pair is explained, and Publish waits for it.
  const warning = section.getByRole('status').filter({ hasText: 'Colours below WCAG AA' });
  await expect(warning).toContainText(
    'Text #aaaaaa on background #ffffff has a contrast of 2.32:1; body text needs at least 4.50:1',
  );

  await section.getByRole('button', { name: 'Save draft' }).click();
  await expectToast(page, 'Draft saved');
  await expect(section.getByText('Draft 1 not published')).toBeVisible();
  // The server's own rendering of the saved draft, in the empty sandbox.
  const email = section.getByTitle(/^Branded email:/);
  await expect(email).toHaveAttribute('sandbox', '');
  await expect(
    page.frameLocator('iframe[title^="Branded email:"]').getByText(`${word} Learning`).first(),
  ).toBeVisible();
  await expect(section.getByRole('button', { name: 'Publish' })).toBeDisabled();

  await warning.getByRole('button', { name: /^Use #/ }).click();
  await expect(warning).toBeHidden();
  await section.getByRole('button', { name: 'Save draft' }).click();
  await expectToast(page, 'Draft saved');
  await section.getByRole('button', { name: 'Publish' }).click();
  await confirm(page, 'Publish branding');
  await expectToast(page, 'Branding published');
  await expect(section.getByText('In force: This account’s published branding')).toBeVisible();

  await setField(section, 'Product name', `${word} Two`);
  await section.getByRole('button', { name: 'Save draft' }).click();
  await expectToast(page, 'Draft saved');
  await section.getByRole('button', { name: 'Publish' }).click();
  await confirm(page, 'Publish branding');
  await expectToast(page, 'Branding published');

  const versions = section.getByRole('table', { name: 'Versions' });
  await expect(versions.getByRole('row')).toHaveCount(3);
  await expect(versions.getByRole('row').nth(1)).toContainText(`2published${word} Two`);
  await expect(versions.getByRole('row').nth(2)).toContainText(`1superseded${word} Learning`);

  await versions.getByRole('button', { name: 'Restore version 1' }).click();
  await confirm(page, 'Restore into the draft');
  await expectToast(page, 'Version 1 restored into the draft');
  await expect(versions.getByRole('row').nth(1)).toContainText(`3draft${word} Learning`);
  await expect(section.getByLabel('Product name', { exact: true })).toHaveValue(`${word} Learning`);
});
