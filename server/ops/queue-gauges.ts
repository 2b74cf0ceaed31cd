import { statSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import type { AppDatabase } from '../db/connection';
import type { DB } from '../db/schema';
import type { Clock } from '../lib/clock';
import { newestVerifiedAt } from '../modules/backups/store';

/**
 * The gauges read from the database at scrape time: one query per table (jobs, Stripe's
 * inbox, the email outbox), run together, each on the status index's rows only. Wall-clock
 * jobs only: a test clock's jobs run when that clock is advanced, never "late".
 */

const seconds = (ms: number) => Math.max(0, ms) / 1000;
const count = (value: unknown) => Number(value ?? 0);

async function jobFigures(db: Kysely<DB>, now: number) {
  const { rows } = await sql<{ due: unknown; oldest_due: unknown; past_lease: unknown; failed: unknown }>`
    SELECT
      sum(CASE WHEN status = 'pending' AND run_at <= ${now} THEN 1 ELSE 0 END) AS due,
      min(CASE WHEN status = 'pending' AND run_at <= ${now} THEN run_at END) AS oldest_due,
      sum(CASE WHEN status = 'running' AND lease_until < ${now} THEN 1 ELSE 0 END) AS past_lease,
      sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed
    FROM jobs
    WHERE status IN ('pending', 'running', 'failed') AND test_clock_id IS NULL`.execute(db);
  return rows[0];
}

async function inboxFigures(db: Kysely<DB>) {
  const { rows } = await sql<{ oldest: unknown; waiting: unknown; dead: unknown }>`
    SELECT
      min(CASE WHEN status IN ('pending', 'failed') THEN received_at END) AS oldest,
      sum(CASE WHEN status IN ('pending', 'failed') THEN 1 ELSE 0 END) AS waiting,
      sum(CASE WHEN status = 'dead' THEN 1 ELSE 0 END) AS dead
    FROM stripe_events
    WHERE status IN ('pending', 'failed', 'dead')`.execute(db);
  return rows[0];
}

async function outboxFigures(db: Kysely<DB>) {
  const { rows } = await sql<{ status: string; n: unknown }>`
    SELECT status, count(*) AS n FROM email_outbox
    WHERE status IN ('pending', 'held', 'failed')
    GROUP BY status`.execute(db);
  return new Map(rows.map((row) => [row.status, count(row.n)]));
}

/** SQLite's files: a WAL that keeps growing means checkpoints are starved by long readers. */
function sqliteFileBytes(database: AppDatabase, file: 'main' | 'wal'): number {
  const path = database.sqlite.name + (file === 'wal' ? '-wal' : '');
  try {
    return statSync(path).size;
  } catch {
    return 0; // No WAL file between checkpoints of a closed database, or an in-memory one.
  }
}

/** Registers the gauges; the returned function refreshes them (call it before each scrape). */
export function queueGauges(registry: Registry, database: AppDatabase, clock: Clock): () => Promise<void> {
  const registers = [registry];
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers });
  const jobsDue = gauge('tollgate_jobs_due', 'Jobs due now and not yet started (queue depth)');
  const oldestDue = gauge('tollgate_jobs_oldest_due_age_seconds', 'How late the oldest due job is');
  const pastLease = gauge(
    'tollgate_jobs_past_lease',
    'Running jobs whose lease ran out (runner died or stuck)',
  );
  const jobsFailed = gauge('tollgate_jobs_failed', 'Jobs given up after their last attempt');
  const inboxLag = gauge(
    'tollgate_stripe_inbox_lag_seconds',
    'Age of the oldest Stripe event not yet applied',
  );
  const inboxWaiting = gauge('tollgate_stripe_inbox_waiting', 'Stripe events waiting to be applied');
  const deadLetters = gauge('tollgate_stripe_events_dead', 'Stripe events given up on (dead letters)');
  const outbox = gauge('tollgate_email_outbox', 'Emails in the outbox by status', ['status']);
  // A timestamp, as Prometheus likes: alert on `time() - tollgate_backup_newest_verified_timestamp_seconds > 86400`.
  const newestBackup = gauge(
    'tollgate_backup_newest_verified_timestamp_seconds',
    'When the newest backup that restored and verified was taken (0: none)',
  );
  const pool = gauge('tollgate_db_pool_connections', 'PostgreSQL pool connections by state', ['state']);
  const files =
    database.dialect === 'sqlite'
      ? gauge('tollgate_sqlite_file_bytes', 'Size of the SQLite database and its WAL', ['file'])
      : null;

  return async () => {
    const now = clock.now();
    const [jobs, inbox, emails, verifiedAt] = await Promise.all([
      jobFigures(database.db, now),
      inboxFigures(database.db),
      outboxFigures(database.db),
      newestVerifiedAt(database.db),
    ]);
    jobsDue.set(count(jobs?.due));
    oldestDue.set(jobs?.oldest_due == null ? 0 : seconds(now - count(jobs.oldest_due)));
    pastLease.set(count(jobs?.past_lease));
    jobsFailed.set(count(jobs?.failed));
    inboxLag.set(inbox?.oldest == null ? 0 : seconds(now - count(inbox.oldest)));
    inboxWaiting.set(count(inbox?.waiting));
    deadLetters.set(count(inbox?.dead));
    for (const status of ['pending', 'held', 'failed']) outbox.set({ status }, emails.get(status) ?? 0);
    newestBackup.set(verifiedAt === null ? 0 : verifiedAt / 1000);
    if (database.pool) {
      pool.set({ state: 'total' }, database.pool.totalCount);
      pool.set({ state: 'idle' }, database.pool.idleCount);
      pool.set({ state: 'waiting' }, database.pool.waitingCount);
    }
    if (files)
      for (const file of ['main', 'wal'] as const) files.set({ file }, sqliteFileBytes(database, file));
  };
}
