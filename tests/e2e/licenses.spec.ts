import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema';
import { openDataDir } from '../../server/backend/runtime';
import {
  numberedMachines,
  numberedSeats,
  seedLicense,
  seedPolicy,
} from '../../server/modules/licensing/licensing.test-kit';
import { parseCsv } from '../../server/modules/reports/formats/csv-parse.test-kit';
import { expect, test } from './fixtures';

/**
 * The staff's Licenses area in web mode, over a license written into the demo workspace (beside the demo's own):
 * the list shows it with its customer, policy, machines and seats, a status filter lands in
 * the URL, and its page shows the machines, seats, the usage chart and the validation log;
 * a policy filter lands in the URL and the filtered list exports to CSV.
 */

interface Seeded {
  customerName: string;
  licenseName: string;
  /** Licenses in the workspace: the demo's own and this one. */
  total: number;
}

/** The demo workspace's first active customer, who holds the seeded licenses, and a product of its workspace. */
async function demoHolder(db: Kysely<DB>) {
  const customer = await db
    .selectFrom('customers')
    .select(['id', 'name', 'tenant_id'])
    .where('status', '=', 'active')
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  const product = await db
    .selectFrom('products')
    .select('id')
    .where('tenant_id', '=', customer.tenant_id)
    .executeTakeFirstOrThrow();
  return { customer, product };
}

async function seedDemoLicense(dataDir: string): Promise<Seeded> {
  const database = openDataDir(dataDir);
  try {
    const db = database.db;
    const { customer, product } = await demoHolder(db);
    const now = Date.now();
    const policy = await seedPolicy(db, {
      tenantId: customer.tenant_id,
      productId: product.id,
      name: 'Campus Enterprise',
      now,
      max_machines: 5,
      max_users: 10,
      usageLimits: [{ metric: 'course_hours', limit: 500, rule: { kind: 'BLOCK' } }],
    });
    const licenseName = `${customer.name} campus license`;
    const month = new Date(now).toISOString().slice(0, 7);
    await seedLicense(db, {
      policy,
      customerId: customer.id,
      name: licenseName,
      now,
      machines: numberedMachines(2, licenseName, now),
      seats: numberedSeats(1, licenseName, now),
      usage: [{ metric: 'course_hours', period: month, quantity: 420, alertedPercent: 80 }],
      validations: [
        { slot: 0, at: now - 60_000, code: 'VALID', valid: true, address: '203.0.113.7' },
        { slot: 1, at: now - 30_000, code: 'TOO_MANY_MACHINES', valid: false },
      ],
    });
    const { n } = await db
      .selectFrom('licenses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { customerName: customer.name, licenseName, total: Number(n) };
  } finally {
    await database.close();
  }
}

test('lists a license with its holder and counts, filters by status in the URL, and opens its page', async ({
  page,
  webMode,
}) => {
  const seeded = await seedDemoLicense(webMode.dataDir);
  await page.goto('/#/overview');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licenses' }).click();
  await expect(page.getByRole('heading', { name: 'Licenses' })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Licenses' });
  const row = grid.getByRole('row').filter({ hasText: seeded.licenseName });
  await expect(row).toContainText(seeded.customerName);
  await expect(row).toContainText('Campus Enterprise');
  await expect(row).toContainText('Active');
  await expect(page.getByTestId('row-count')).toHaveText(`${seeded.total} licenses`);

  // The demo workspace suspends one license of its own; the one seeded here is active.
  await page.getByRole('textbox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Suspended' }).click();
  await expect(page).toHaveURL(/status=SUSPENDED/);
  await expect(page.getByTestId('row-count')).toHaveText('1 license');
  await expect(grid.getByRole('row').filter({ hasText: seeded.licenseName })).toHaveCount(0);
  await page.goto('/#/licenses');

  await grid.getByRole('row').filter({ hasText: seeded.licenseName }).click();
  await expect(page.getByRole('heading', { name: seeded.licenseName })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Machines' }).getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('table', { name: 'Seats' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('figure', { name: 'course_hours per period' })).toContainText(
    'Limit 500 a period · Blocked at the limit · 80% alert sent',
  );
  const log = page.getByRole('table', { name: 'Validations' });
  await expect(log.getByRole('row').nth(1)).toContainText('TOO_MANY_MACHINES');
  await expect(log.getByRole('row').nth(2)).toContainText('203.0.113.7');
});

/** The first active customer of the demo workspace, whom staff issue a license to. */
async function demoCustomer(dataDir: string): Promise<{ name: string; email: string }> {
  const database = openDataDir(dataDir);
  try {
    const customer = await database.db
      .selectFrom('customers')
      .select(['name', 'email'])
      .where('status', '=', 'active')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return customer;
  } finally {
    await database.close();
  }
}

test('staff create a policy, issue a license under it, see its key once, and find it in the list', async ({
  page,
  webMode,
}) => {
  const customer = await demoCustomer(webMode.dataDir);
  await page.goto('/#/licenses');
  await page.getByRole('link', { name: 'Policies' }).click();
  await expect(page.getByRole('heading', { name: 'License policies' })).toBeVisible();

  await page.getByRole('button', { name: 'New policy' }).click();
  const policyDialog = page.getByRole('dialog', { name: 'New license policy' });
  await policyDialog.getByRole('button', { name: 'Create policy' }).click();
  await expect(policyDialog.getByText('Name is required')).toBeVisible();
  await policyDialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Campus Floating');
  await policyDialog.getByRole('textbox', { name: 'Product' }).click();
  await page.getByRole('option').first().click();
  await policyDialog.getByRole('textbox', { name: 'Max named users (seats)' }).fill('25');
  await policyDialog.getByRole('button', { name: 'Create policy' }).click();
  await expect(policyDialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Policies' })).toContainText('Campus Floating');

  await page.getByRole('link', { name: '← Licenses' }).click();
  await page.getByRole('button', { name: 'Issue license' }).click();
  const issueDialog = page.getByRole('dialog', { name: 'Issue a license' });
  await issueDialog.getByRole('textbox', { name: 'Customer' }).fill(customer.email);
  await page.getByRole('option', { name: `${customer.name} (${customer.email})` }).click();
  await issueDialog.getByRole('textbox', { name: 'Policy' }).click();
  await page.getByRole('option', { name: 'Campus Floating' }).click();
  await issueDialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Campus 2027');
  await issueDialog.getByRole('button', { name: 'Issue license' }).click();

  const issued = page.getByRole('dialog', { name: 'License issued' });
  await expect(issued.getByTestId('secret-once')).toHaveText(/^TG1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  await issued.getByRole('button', { name: 'Open the license' }).click();
  await expect(page.getByRole('heading', { name: 'Campus 2027' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Policy' })).toContainText('Campus Floating');

  await page.getByRole('link', { name: '← Licenses' }).click();
  const row = page
    .getByRole('grid', { name: 'Licenses' })
    .getByRole('row')
    .filter({ hasText: 'Campus 2027' });
  await expect(row).toContainText(customer.name);
  await expect(row).toContainText('Campus Floating');
});

/** Two policies of the demo workspace: "Lab Gold" with two licenses, "Lab Silver" with one. */
async function seedLabLicenses(dataDir: string): Promise<{ customerName: string }> {
  const database = openDataDir(dataDir);
  try {
    const db = database.db;
    const { customer, product } = await demoHolder(db);
    const now = Date.now();
    const base = { tenantId: customer.tenant_id, productId: product.id, now, max_machines: 5, max_users: 10 };
    const gold = await seedPolicy(db, { ...base, name: 'Lab Gold' });
    const silver = await seedPolicy(db, { ...base, name: 'Lab Silver' });
    const licensed = [
      { policy: gold, name: 'Lab license A', machines: 1, seats: 0 },
      { policy: silver, name: 'Lab license S', machines: 0, seats: 0 },
      { policy: gold, name: 'Lab license B', machines: 0, seats: 2 },
    ];
    for (const [index, { policy, name, machines, seats }] of licensed.entries()) {
      const at = now + index * 1000;
      await seedLicense(db, {
        policy,
        customerId: customer.id,
        name,
        now: at,
        machines: numberedMachines(machines, name, at),
        seats: numberedSeats(seats, name, at),
      });
    }
    return { customerName: customer.name };
  } finally {
    await database.close();
  }
}

test('filters the Licenses list by policy in the URL and exports that view to CSV', async ({
  page,
  webMode,
}) => {
  const { customerName } = await seedLabLicenses(webMode.dataDir);
  await page.goto('/#/licenses');
  await expect(page.getByRole('heading', { name: 'Licenses' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Policy' }).click();
  await page.getByRole('option', { name: 'Lab Gold' }).click();
  await expect(page).toHaveURL(/policy=lpo_[0-9A-Z]{26}/);
  const count = page.getByTestId('row-count');
  await expect(count).toHaveText('2 licenses');

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Policy' })).toHaveValue('Lab Gold');
  await expect(count).toHaveText('2 licenses');
  const grid = page.getByRole('grid', { name: 'Licenses' });
  await expect(grid).toContainText('Lab license B');
  await expect(grid).not.toContainText('Lab license S');

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem').filter({ hasText: 'UTF-8, for scripts' }).click();
  const progress = page.getByRole('status', { name: 'Export progress' });
  await expect(progress).toContainText('Licenses to CSV');
  await expect(progress).toContainText('Done');
  const downloading = page.waitForEvent('download');
  await progress.getByRole('button', { name: /^Download licenses-.*\.csv$/ }).click();
  const download = await downloading;
  const [header, ...records] = parseCsv(await readFile(await download.path(), 'utf8'));
  // The table's shown columns (Key and ID are hidden by default), the customer's name split from the license's.
  expect(header).toEqual([
    'Customer',
    'License',
    'Policy',
    'Status',
    'Expires (UTC)',
    'Machines',
    'Seats',
    'Created (UTC)',
  ]);
  expect(records.map((record) => record.slice(0, 4))).toEqual([
    [customerName, 'Lab license B', 'Lab Gold', 'ACTIVE'],
    [customerName, 'Lab license A', 'Lab Gold', 'ACTIVE'],
  ]);
  expect(records.map((record) => record.slice(5, 7))).toEqual([
    ['0', '2'],
    ['1', '0'],
  ]);
});
