import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appJobHandlers } from '../app/job-handlers';
import { runDueJobs } from '../jobs/runner';
import { silentLogger } from '../lib/logger';
import { countRows } from '../testing/table-counts.test-kit';
import { createTestWorld, type TestWorld } from '../testing/world.test-kit';
import { HOUSEKEEPING_JOB, nextHousekeepingAt, runHousekeeping, scheduleHousekeeping } from './housekeeping';
import { onPruned } from './pruned-rows';
import { RETENTION } from './retention';

/**
 * Housekeeping deletes what its retention drops, in batches, on each database: sign-ins long
 * expired (whole families), old sent emails, used idempotency keys; recent rows and rows still
 * needed (a live sign-in, a held email) stay. Written straight into the tables: the test is
 * about what goes, not how the rows came.
 */

const DAY = 24 * 60 * 60 * 1000;
let world: TestWorld;
let userId: string;

beforeEach(async () => {
  world = await createTestWorld();
  userId = world.principals.adminA.userId;
});
afterEach(async () => {
  await world.close();
});

async function session(id: string, family: string, expiresAt: number, replacedBy: string | null = null) {
  await world.database.db
    .insertInto('sessions')
    .values({
      id,
      family_id: family,
      user_id: userId,
      refresh_hash: `hash-${id}`,
      client: 'web:test',
      created_at: expiresAt - 30 * DAY,
      expires_at: expiresAt,
      last_used_at: expiresAt - 30 * DAY,
      revoked_at: null,
      replaced_by: replacedBy,
    })
    .execute();
}

async function email(id: string, status: 'sent' | 'held', createdAt: number) {
  await world.database.db
    .insertInto('email_outbox')
    .values({
      id,
      tenant_id: world.tenants.A.id,
      customer_id: null,
      source_event_id: `src-${id}`,
      template: 'receipt',
      recipient: 'someone@example.com',
      from_name: 'Billing',
      from_address: null,
      reply_to: null,
      subject: 'Receipt',
      html: '<p>Receipt</p>',
      text: 'Receipt',
      status,
      next_attempt_at: null,
      last_error: null,
      message_id: `<${id}@example.com>`,
      created_at: createdAt,
      sent_at: status === 'sent' ? createdAt : null,
      updated_at: createdAt,
    })
    .execute();
}

async function idempotencyKey(key: string, createdAt: number) {
  await world.database.db
    .insertInto('rest_idempotency_keys')
    .values({
      tenant_id: world.tenants.A.id,
      principal_id: userId,
      idempotency_key: key,
      request_hash: 'h',
      status: 200,
      body: '{}',
      created_at: createdAt,
    })
    .execute();
}

const ids = async (table: 'sessions' | 'email_outbox') =>
  (await world.database.db.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);

describe('housekeeping', () => {
  it('prunes long-expired sign-ins whole, old sent emails and used keys, in batches, and keeps the rest', async () => {
    const now = world.clock.now();
    const longAgo = now - RETENTION.expiredSessionsMs - DAY;
    // Three expired families (one of two rotated rows, each naming its successor), one live.
    await session('s_old_2', 'f_old', longAgo);
    await session('s_old_1', 'f_old', longAgo - DAY, 's_old_2');
    await session('s_gone_a', 'f_gone_a', longAgo);
    await session('s_gone_b', 'f_gone_b', longAgo);
    await session('s_recent', 'f_recent', now - DAY);
    // A family with an old expired row and a live successor stays whole.
    await session('s_live_2', 'f_live', now + DAY);
    await session('s_live_1', 'f_live', longAgo, 's_live_2');
    const oldEmail = now - RETENTION.sentEmailsMs - DAY;
    for (const n of [1, 2, 3]) await email(`e_old_${n}`, 'sent', oldEmail);
    await email('e_old_held', 'held', oldEmail);
    await email('e_recent', 'sent', now - DAY);
    for (const n of [1, 2, 3]) await idempotencyKey(`k_old_${n}`, now - RETENTION.idempotencyKeysMs - 1);
    await idempotencyKey('k_recent', now - 1000);
    const reported: Record<string, number> = {};
    const stop = onPruned(
      world.database.db,
      (table, rows) => (reported[table] = (reported[table] ?? 0) + rows),
    );

    // Batches of two: every table takes more than one statement.
    const pruned = await runHousekeeping(world.database.db, now, 2);
    stop();

    expect(pruned).toEqual({ sessions: 4, email_outbox: 3, rest_idempotency_keys: 3 });
    expect(reported).toEqual(pruned);
    expect(await ids('sessions')).toEqual(['s_live_1', 's_live_2', 's_recent']);
    expect(await ids('email_outbox')).toEqual(['e_old_held', 'e_recent']);
    expect(await countRows(world.database.db, 'rest_idempotency_keys')).toBe(1);
  });

  it('runs as a job at its hour, once per day, and schedules the next day', async () => {
    const now = world.clock.now();
    const at = nextHousekeepingAt(now);
    expect(at).toBeGreaterThan(now);
    expect(at - now).toBeLessThanOrEqual(DAY);
    await scheduleHousekeeping(world.database.db, at, now);
    await scheduleHousekeeping(world.database.db, at, now);
    await session('s_expired', 'f_expired', now - RETENTION.expiredSessionsMs - DAY);
    world.clock.set(at);
    const options = { db: world.database.db, clock: world.clock, logger: silentLogger };
    expect(await runDueJobs({ ...options, handlers: appJobHandlers(world.services) })).toBe(1);
    expect(await ids('sessions')).toEqual([]);
    const jobs = await world.database.db
      .selectFrom('jobs')
      .select(['status', 'run_at'])
      .where('kind', '=', HOUSEKEEPING_JOB)
      .orderBy('run_at')
      .execute();
    expect(jobs).toEqual([
      { status: 'done', run_at: at },
      { status: 'pending', run_at: at + DAY },
    ]);
  });
});
