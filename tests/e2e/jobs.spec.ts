import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { newId } from '../../shared/ids';
import { openDatabase, type AppDatabase } from '../../server/db/connection';
import { claimNextJob, failJob, scheduleJob } from '../../server/jobs/store';
import { insertTestClock } from '../../server/modules/billing';
import { expect, test } from './fixtures';
import { expectToast } from './support';

/**
 * The Jobs page in web mode, where the local owner is platform staff. Beside the running
 * console, through the jobs table's own functions: a job on a test clock is claimed by an
 * instance that then "died" (its lease ran out; the console's wall-clock loop never takes a
 * test clock's job, so it stays stuck until released), and a housekeeping job gave up with a
 * secret-shaped value in its error. The page shows both, scrubbed; Release and Retry, each
 * confirmed, put them back, and the console's own loop runs the retried job.
 */

async function seedStuckAndFailedJobs(db: AppDatabase['db'], secret: string) {
  const now = Date.now();
  const tenant = await db.selectFrom('tenants').select('id').orderBy('created_at').executeTakeFirstOrThrow();
  const clockId = newId('clk', now);
  await insertTestClock(db, tenant.id, {
    id: clockId,
    name: 'Jobs page',
    now,
    createdAt: now,
    updatedAt: now,
  });
  const job = (kind: string, key: string, testClockId: string | null) => ({
    tenantId: tenant.id,
    kind,
    runAt: now - 60_000,
    payload: {},
    dedupeKey: `e2e-jobs:${key}:${now}`,
    testClockId,
  });
  await scheduleJob(db, job('subscription.renew', 'stuck', clockId), now);
  const claim = { dueBy: now, wallNow: now - 120_000, leaseUntil: now - 60_000, holder: 'gone-host:4242' };
  await claimNextJob(db, { ...claim, testClockId: clockId });
  // A housekeeping job that failed for good: the loop leaves failed jobs alone.
  await scheduleJob(db, job('ops.housekeeping', 'failed', null), now + 3_600_000);
  const failed = await db
    .selectFrom('jobs')
    .select(['id', 'tenant_id', 'kind', 'run_at', 'payload', 'dedupe_key', 'attempts'])
    .where('dedupe_key', '=', `e2e-jobs:failed:${now}`)
    .executeTakeFirstOrThrow();
  const spec = { ...job('ops.housekeeping', 'failed', null), id: failed.id, attempts: failed.attempts };
  await failJob(db, spec, `the gateway answered 401 for ${secret}`, { giveUp: true }, now);
}

test('the Jobs page shows a stuck and a failed job; release and retry put them back in the queue', async ({
  page,
  webMode,
}) => {
  const secret = ['sk', 'live', randomBytes(16).toString('hex')].join('_');
  const database = openDatabase({ path: join(webMode.dataDir, 'tollgate.sqlite') });
  try {
    await seedStuckAndFailedJobs(database.db, secret);
  } finally {
    await database.close();
  }

  // Straight to the page (the palette and accessibility walks follow the sidebar's link).
  await page.goto('/#/admin/jobs');
  await expect(page.getByRole('heading', { name: 'Jobs' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: '1 held past the lease' })).toBeVisible();

  await page.getByText(/^Stuck 1$/).click();
  const stuck = page.getByRole('table', { name: 'Jobs' }).getByRole('row').nth(1);
  await expect(stuck).toContainText('subscription.renew');
  await expect(stuck).toContainText('gone-host:4242');
  await expect(stuck).toContainText('on a test clock');
  await stuck.getByRole('button', { name: 'Release' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
  await expectToast(page, 'The job is back in the queue');
  await expect(page.getByText('No job is held past its lease.')).toBeVisible();

  await page.getByText(/^Failed 1$/).click();
  const failed = page.getByRole('table', { name: 'Jobs' }).getByRole('row').nth(1);
  await expect(failed).toContainText('ops.housekeeping');
  // Attempts are counted by claims; this one was failed without one (seeded), so it shows 0 of 8.
  await expect(failed).toContainText('0 of 8');
  await expect(failed).toContainText('the gateway answered 401 for [secret withheld]');
  await expect(page.locator('main')).not.toContainText(secret);
  await failed.getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Retry' }).click();
  await expectToast(page, 'The job is due again');
  await expect(page.getByText('No job has given up.')).toBeVisible();
  await expect(page.getByText(/^Failed 0$/)).toBeVisible();
  // Due now, so the console's own job loop runs it (housekeeping succeeds).
  const reopened = openDatabase({ path: join(webMode.dataDir, 'tollgate.sqlite') });
  try {
    const status = () =>
      reopened.db
        .selectFrom('jobs')
        .select(['status', 'attempts'])
        .where('kind', '=', 'ops.housekeeping')
        .where('dedupe_key', 'like', 'e2e-jobs:failed:%')
        .executeTakeFirstOrThrow();
    await expect.poll(status).toEqual({ status: 'done', attempts: 1 });
  } finally {
    await reopened.close();
  }
});
