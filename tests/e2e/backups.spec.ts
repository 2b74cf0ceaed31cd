import { join } from 'node:path';
import { openDatabase } from '../../server/db/connection';
import { systemClock } from '../../server/lib/clock';
import { silentLogger } from '../../server/lib/logger';
import { takeVerifiedBackup } from '../../server/modules/backups';
import { expect, test } from './fixtures';

/**
 * The Backups page in web mode, where the local owner is platform staff: it warns while no
 * verified backup exists; a real backup of the running console's own database (taken, restored
 * into a scratch file and verified, as the schedule does) then shows as verified, and the
 * warning goes.
 */
test('the Backups page warns until a verified backup exists, then lists it with its verification', async ({
  page,
  webMode,
}) => {
  await page.goto('/#/customers');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backups' }).click();
  await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible();
  const warning = page.getByRole('alert').filter({ hasText: 'No verified backup' });
  await expect(warning).toBeVisible();
  await expect(page.getByText('This server takes no scheduled backups')).toBeVisible();
  await expect(page.getByText('No backups yet.')).toBeVisible();

  const path = join(webMode.dataDir, 'tollgate.sqlite');
  const database = openDatabase({ path });
  try {
    const outcome = await takeVerifiedBackup(
      { db: database.db, clock: systemClock, logger: silentLogger },
      { kind: 'sqlite', path },
      { directory: join(webMode.dataDir, 'backups'), keep: 3, pgBinDir: null },
    );
    expect(outcome.problems).toEqual([]);
  } finally {
    await database.close();
  }

  await page.reload();
  const row = page.getByRole('table', { name: 'Backups' }).getByRole('row').nth(1);
  await expect(row).toContainText('Verified');
  await expect(row).toContainText('SQLite');
  await expect(row).toContainText(/tollgate-\d{8}T\d{6}Z-[a-z0-9]{6}\.sqlite/);
  await expect(row).toContainText('just now');
  await expect(warning).toHaveCount(0);
});
