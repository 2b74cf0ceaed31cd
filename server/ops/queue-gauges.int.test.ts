import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimNextJob, scheduleJob } from '../jobs/store';
import { insertBackup } from '../modules/backups/store';
import { createTestWorld, type TestWorld } from '../testing/world.test-kit';
import { createServerMetrics, type ServerMetrics } from './metrics';
import { reportPruned } from './pruned-rows';

/**
 * The gauges /metrics reads from the database at scrape time move when their cause happens:
 * a job overdue, a job past its lease, a Stripe event waiting or dead-lettered, an email held.
 * Runs on SQLite, and on PostgreSQL in the integration-pg project (tests/support/postgres-suite.ts).
 */

let world: TestWorld;
let metrics: ServerMetrics;

beforeEach(async () => {
  world = await createTestWorld();
  metrics = createServerMetrics({ database: world.database, clock: world.clock, procedures: new Set() });
});
afterEach(async () => {
  metrics.close();
  await world.close();
});

/** A metric's value after a scrape (the labels pick one series). */
async function scraped(name: string, labels: Record<string, string> = {}): Promise<number> {
  await metrics.render();
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const series = metric?.values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x));
  return series?.value ?? 0;
}

const job = (key: string, runAt: number) => ({
  tenantId: world.tenants.A.id,
  kind: 'ops.test',
  runAt,
  payload: {},
  dedupeKey: key,
  testClockId: null,
});

describe('queue gauges read at scrape time', () => {
  it('count due jobs and how late the oldest is, and leave future jobs out', async () => {
    const now = world.clock.now();
    expect(await scraped('tollgate_jobs_due')).toBe(0);
    await scheduleJob(world.database.db, job('future', now + 60_000), now);
    expect(await scraped('tollgate_jobs_due')).toBe(0);
    await scheduleJob(world.database.db, job('late', now - 90_000), now);
    await scheduleJob(world.database.db, job('later', now - 30_000), now);
    expect(await scraped('tollgate_jobs_due')).toBe(2);
    expect(await scraped('tollgate_jobs_oldest_due_age_seconds')).toBe(90);
  });

  it('count a running job whose lease ran out', async () => {
    const now = world.clock.now();
    await scheduleJob(world.database.db, job('leased', now), now);
    await claimNextJob(world.database.db, {
      dueBy: now,
      testClockId: null,
      wallNow: now,
      leaseUntil: now + 1000,
      holder: 'gauge-test:1',
    });
    expect(await scraped('tollgate_jobs_past_lease')).toBe(0);
    world.clock.advance(5000);
    expect(await scraped('tollgate_jobs_past_lease')).toBe(1);
  });

  it('show the Stripe inbox lag and its dead letters', async () => {
    const now = world.clock.now();
    const event = (id: string, status: 'pending' | 'dead', receivedAt: number) => ({
      tenant_id: world.tenants.A.id,
      event_id: id,
      type: 'invoice.paid',
      object_id: null,
      created: Math.floor(receivedAt / 1000),
      livemode: 0 as const,
      payload: '{}',
      source: 'webhook' as const,
      status,
      next_attempt_at: receivedAt,
      last_error: null,
      received_at: receivedAt,
      processed_at: null,
    });
    await world.database.db
      .insertInto('stripe_events')
      .values(event('evt_wait', 'pending', now - 45_000))
      .execute();
    expect(await scraped('tollgate_stripe_inbox_lag_seconds')).toBe(45);
    expect(await scraped('tollgate_stripe_events_dead')).toBe(0);
    await world.database.db
      .insertInto('stripe_events')
      .values(event('evt_dead', 'dead', now - 1000))
      .execute();
    expect(await scraped('tollgate_stripe_events_dead')).toBe(1);
  });

  it('count held emails in the outbox', async () => {
    const now = world.clock.now();
    expect(await scraped('tollgate_email_outbox', { status: 'held' })).toBe(0);
    await world.database.db
      .insertInto('email_outbox')
      .values({
        id: 'eml_ops_1',
        tenant_id: world.tenants.A.id,
        customer_id: null,
        source_event_id: 'src_1',
        template: 'receipt',
        recipient: 'held@example.com',
        from_name: 'Billing',
        from_address: null,
        reply_to: null,
        subject: 'Receipt',
        html: '<p>Receipt</p>',
        text: 'Receipt',
        status: 'held',
        next_attempt_at: null,
        last_error: null,
        message_id: '<ops-1@example.com>',
        created_at: now,
        sent_at: null,
        updated_at: now,
      })
      .execute();
    expect(await scraped('tollgate_email_outbox', { status: 'held' })).toBe(1);
  });

  it('show the connection pool on PostgreSQL, or the database files on SQLite', async () => {
    if (world.database.dialect === 'postgres') {
      expect(await scraped('tollgate_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    } else {
      // In memory: no files; the gauge exists and reads 0 rather than failing the scrape.
      expect(await scraped('tollgate_sqlite_file_bytes', { file: 'main' })).toBe(0);
    }
  });

  it('give the time of the newest verified backup, 0 while there is none, a failed one not counting', async () => {
    const backup = (id: string, startedAt: number, verified: 'ok' | 'failed') =>
      insertBackup(world.database.db, {
        id,
        file: `/var/backups/${id}.sqlite`,
        database_kind: 'sqlite',
        started_at: startedAt,
        finished_at: startedAt + 1000,
        size_bytes: 4096,
        sha256: 'b'.repeat(64),
        backup_ms: 500,
        restore_ms: 100,
        verify_ms: 400,
        row_counts: '{}',
        verified,
        failure: verified === 'ok' ? null : 'integrity check failed',
      });
    const now = world.clock.now();
    expect(await scraped('tollgate_backup_newest_verified_timestamp_seconds')).toBe(0);
    await backup('bkp_1', now - 7_200_000, 'ok');
    await backup('bkp_2', now - 3_600_000, 'failed');
    expect(await scraped('tollgate_backup_newest_verified_timestamp_seconds')).toBe((now - 7_200_000) / 1000);
  });

  it('count rows the housekeeping reports pruned through this database only', async () => {
    reportPruned(world.database.db, 'sessions', 3);
    expect(await scraped('tollgate_housekeeping_pruned_rows_total', { table: 'sessions' })).toBe(3);
  });
});
