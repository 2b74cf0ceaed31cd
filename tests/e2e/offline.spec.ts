import { sql } from 'kysely';
import { SIGNAL_BUDGET_MS } from '../support/budgets';
import { expect, test } from './fixtures';
import { HostedNorthwind, NORTHWIND_ADMIN } from './hosted-northwind';
import { chooseCountry, dataRows, expectToast, shownToasts, uniqueWord } from './support';
import { startWebMode, type WebMode } from './web-mode';

/**
 * Offline-first in Chromium: a connected console whose server goes away. Each change made
 * offline shows at once where it was made, marked Pending, and is named in the outbox; one
 * is cancelled; a double click on Refund refunds once; when the server comes back (without
 * navigating) the marks clear, and an edit someone else overtook on the server is rolled
 * back with a notice showing both values, whose Keep mine sends it again.
 */

const QUEUED = 'Saved — will sync when online';
const word = uniqueWord();
const lower = word.toLowerCase();

interface Seeded {
  ada: { id: string };
  cleo: { id: string };
  invoiceId: string;
}

let hosted: HostedNorthwind | null = null;
let web: WebMode | null = null;
let seeded: Seeded | null = null;

test.beforeAll(async () => {
  const server = await HostedNorthwind.start();
  hosted = server;
  const made = (first: string, country: string) =>
    server.call<{ id: string }>('mutation', 'customers.create', {
      name: `${first} ${word}`,
      email: `${first.toLowerCase()}.${lower}@northwind.test`,
      country,
    });
  const ada = await made('Ada', 'GB');
  const cleo = await made('Cleo', 'GB');
  const ben = await made('Ben', 'US');
  // Ben paid a $20.00 one-off invoice by card: something to refund.
  await server.call('mutation', 'paymentMethods.add', {
    customerId: ben.id,
    source: ['4242', '4242', '4242', '4242'].join(''),
    makeDefault: true,
  });
  const invoice = await server.call<{ id: string }>('mutation', 'invoices.createManual', {
    customerId: ben.id,
    currency: 'USD',
    lines: [{ description: 'Workshop seat', unitAmount: 2000 }],
  });
  const paid = await server.call<{ invoice: { status: string } }>('mutation', 'invoices.pay', {
    id: invoice.id,
  });
  expect(paid.invoice.status).toBe('paid');
  seeded = { ada, cleo, invoiceId: invoice.id };
  web = await startWebMode();
});

test.afterAll(async () => {
  await web?.stop();
  await hosted?.stop();
});

test('offline changes show at once marked pending, the outbox names them, and the server gets each once', async ({
  page,
}) => {
  if (!hosted || !web || !seeded) throw new Error('the servers did not start');
  const server = hosted;
  const site = web;
  const { ada, cleo, invoiceId } = seeded;
  const at = (hash: string) => page.goto(`${site.url}/#${hash}`);

  await at('/connect');
  await page.getByLabel('Server address').fill(server.url);
  await page.getByLabel('Email').fill(NORTHWIND_ADMIN.email);
  await page.getByLabel('Password').fill(NORTHWIND_ADMIN.password);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('connection-state')).toHaveText('Connected');

  // The server goes away; the badge follows.
  const stoppedAt = Date.now();
  await server.pause();
  await expect(page.getByTestId('connection-badge')).toContainText('Offline');
  test.info().annotations.push({ type: 'badge offline after', description: `${Date.now() - stoppedAt} ms` });

  await test.step('create a customer offline: saved, shown at once, pending', async () => {
    await at('/customers/new');
    await page.getByLabel('Name').fill(`Dora ${word}`);
    await page.getByLabel('Email').fill(`dora.${lower}@northwind.test`);
    await chooseCountry(page, 'Norway');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await expectToast(page, QUEUED);
    await expect(page.getByRole('heading', { level: 2 })).toContainText(`Dora ${word}`);
    await expect(page.getByTestId('pending-badge').first()).toBeVisible();
  });

  await test.step('edit a customer offline: the new company shows, pending', async () => {
    await at(`/customers/${ada.id}/edit`);
    await page.getByLabel('Company').fill('Acme Ltd');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectToast(page, QUEUED);
    const profile = page.getByRole('region', { name: 'Profile' });
    await expect(profile).toContainText('Acme Ltd');
    await expect(profile.getByTestId('pending-badge')).toHaveCount(1);
  });

  await test.step('archive a customer offline: archived at once, pending', async () => {
    await at(`/customers/${cleo.id}`);
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByRole('button', { name: 'Archive customer' }).click();
    await expectToast(page, QUEUED);
    await expect(page.getByRole('button', { name: 'Unarchive' })).toBeVisible();
    await expect(page.getByTestId('pending-badge').first()).toBeVisible();
  });

  await test.step('a double click on Refund queues one refund, shown at once', async () => {
    await at(`/invoices/${invoiceId}`);
    await page.getByRole('table', { name: 'Payments' }).getByRole('button', { name: 'Refund' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Amount').fill('5.00');
    await dialog.getByLabel('Requested by the customer').check();
    await dialog.getByRole('button', { name: 'Refund $5.00' }).dblclick();
    await expectToast(page, QUEUED, /\$5\.00/);
    await expect(dialog).toBeHidden();
    const refunds = page.getByRole('table', { name: 'Refunds' });
    await expect(refunds).toContainText('$5.00');
    await expect(refunds.getByTestId('pending-badge')).toHaveCount(1);
  });

  // None of it was called a failure, nor a success it is not yet.
  const titles = (await shownToasts(page)).map((toast) => toast.title);
  expect(titles.filter((title) => /could not|failed|created|saved$|archived|issued/i.test(title))).toEqual(
    [],
  );

  await test.step('the outbox names each change; a waiting one is cancelled and undone on screen', async () => {
    await at('/connect');
    const outbox = page.getByRole('table', { name: 'Outbox' });
    for (const name of [`Dora ${word}`, `Ada ${word}`, `Cleo ${word}`, '$5.00']) {
      await expect(outbox.getByTestId('outbox-entry').filter({ hasText: name })).toContainText('Waiting');
    }
    // One refund command for the double click.
    await expect(outbox.getByTestId('outbox-entry').filter({ hasText: '$5.00' })).toHaveCount(1);
    const archive = outbox.getByTestId('outbox-entry').filter({ hasText: `Cleo ${word}` });
    await archive.getByRole('button', { name: 'Cancel' }).click();
    await expect(archive).toContainText('Cancelled');
    await at(`/customers/${cleo.id}`);
    await expect(page.getByRole('button', { name: 'Archive', exact: true })).toBeVisible();
    await expect(page.getByTestId('pending-badge')).toHaveCount(0);
  });

  // Meanwhile someone gave Ada another company on the server.
  await server.whileStopped(async ({ db }) => {
    await db
      .updateTable('customers')
      .set({ company: 'Globex', version: sql<number>`version + 1`, updated_at: Date.now() })
      .where('id', '=', ada.id)
      .execute();
  });

  await at(`/customers?q=${word}&status=all`);
  await expect(dataRows(page)).toHaveCount(4);
  await expect(dataRows(page).filter({ hasText: `Ada ${word}` })).toContainText('Acme Ltd');
  await expect(page.getByTestId('pending-badge').first()).toBeVisible();

  await test.step('the server comes back: marks clear without navigating, the overtaken edit is rolled back', async () => {
    await server.resume();
    const readyAt = Date.now();
    await expect(page.getByTestId('pending-badge')).toHaveCount(0, { timeout: SIGNAL_BUDGET_MS });
    const cleared = `${Date.now() - readyAt} ms`;
    test.info().annotations.push({ type: 'marks cleared after the server was ready', description: cleared });
    await expect(dataRows(page).filter({ hasText: `Ada ${word}` })).toContainText('Globex');
    await expect(dataRows(page).filter({ hasText: `Dora ${word}` })).toHaveCount(1);
    await expectToast(page, 'Not saved', /Company — theirs: Globex, yours: Acme Ltd/);
    await expect(page.getByTestId('connection-badge')).toContainText('Connected');
  });

  await test.step('Keep mine on the notice sends the edit again over their value', async () => {
    const notice = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await notice.getByRole('button', { name: 'Keep mine' }).click();
    await expect(notice).toBeHidden();
    await expect(dataRows(page).filter({ hasText: `Ada ${word}` })).toContainText('Acme Ltd');
    await expect(page.getByTestId('pending-badge')).toHaveCount(0, { timeout: SIGNAL_BUDGET_MS });
    await at('/connect');
    const refused = page.getByTestId('outbox-entry').filter({ hasText: 'Refused' });
    await expect(refused).toHaveCount(1);
    // Dealt with: no Retry, Edit or Discard left on it.
    await expect(refused.getByRole('button')).toHaveCount(0);
  });

  await test.step('on the server: the customer made once, the refund made once, the cancelled archive never', async () => {
    const listed = await server.call<{ items: { name: string; status: string; company: string | null }[] }>(
      'query',
      'customers.list',
      { status: 'all', search: word },
    );
    const byName = new Map(listed.items.map((c) => [c.name, c]));
    expect([...byName.keys()].sort()).toEqual([`Ada ${word}`, `Ben ${word}`, `Cleo ${word}`, `Dora ${word}`]);
    expect(byName.get(`Cleo ${word}`)?.status).toBe('active');
    expect(byName.get(`Ada ${word}`)?.company).toBe('Acme Ltd');
    const detail = await server.call<{ refunds: { amount: number }[] }>('query', 'invoices.get', {
      id: invoiceId,
    });
    expect(detail.refunds.map((refund) => refund.amount)).toEqual([500]);
  });
});
