import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { insertBackup } from './store';
import { STALE_AFTER_MS } from './view';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

const HOUR = 60 * 60 * 1000;

async function recordBackup(id: string, hoursAgo: number, verified: 'ok' | 'failed') {
  const startedAt = world.clock.now() - hoursAgo * HOUR;
  await insertBackup(world.database.db, {
    id,
    file: `/var/backups/tollgate/${id}.sqlite`,
    database_kind: 'sqlite',
    started_at: startedAt,
    finished_at: startedAt + 2000,
    size_bytes: 4096,
    sha256: 'a'.repeat(64),
    backup_ms: 900,
    restore_ms: verified === 'ok' ? 300 : null,
    verify_ms: 800,
    row_counts: JSON.stringify({ customers: 3, audit_log: 4 }),
    verified,
    failure: verified === 'ok' ? null : 'restoring failed: file is not a database',
  });
}

describe('backups.list', () => {
  it('shows the platform owner every backup, newest first, with its verification', async () => {
    await recordBackup('bkp_old', 30, 'ok');
    await recordBackup('bkp_new', 2, 'failed');
    const overview = await world.as('owner').backups.list();
    expect(overview.backups.map((b) => [b.id, b.verified, b.fileName, b.totalRows])).toEqual([
      ['bkp_new', 'failed', 'bkp_new.sqlite', 7],
      ['bkp_old', 'ok', 'bkp_old.sqlite', 7],
    ]);
    expect(overview.backups[0]?.failure).toBe('restoring failed: file is not a database');
    // The newest VERIFIED backup is 30 hours old: a failed one since does not count.
    expect(overview.warning).toBe('stale');
  });

  it('warns when there is no verified backup, and not when one is younger than a day', async () => {
    expect((await world.as('owner').backups.list()).warning).toBe('none_verified');
    await recordBackup('bkp_fresh', STALE_AFTER_MS / HOUR - 1, 'ok');
    expect((await world.as('owner').backups.list()).warning).toBeNull();
  });

  it('says how often this server backs itself up, and that it does not when nothing is scheduled', async () => {
    expect((await world.as('owner').backups.list()).schedule).toBeNull();
    world.services.backups = {
      source: { kind: 'sqlite', path: '/var/lib/tollgate/tollgate.sqlite' },
      settings: { directory: '/var/backups/tollgate', intervalMs: 6 * HOUR, keep: 7, pgBinDir: null },
    };
    expect((await world.as('owner').backups.list()).schedule).toEqual({ everyMs: 6 * HOUR, keep: 7 });
    world.services.backups.settings.intervalMs = null;
    expect((await world.as('owner').backups.list()).schedule).toBeNull();
  });

  it('is refused to a tenant admin and to platform staff who do not manage tenants', async () => {
    await expectDomainError(() => world.as('adminA').backups.list(), 'FORBIDDEN');
    await expectDomainError(() => world.as('platformSupport').backups.list(), 'FORBIDDEN');
    await expectDomainError(() => world.as('platformAnalyst').backups.list(), 'FORBIDDEN');
  });
});
