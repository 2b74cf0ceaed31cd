import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDueJobs, type JobHandlers } from '../../jobs/runner';
import { claimNextJob, scheduleJob } from '../../jobs/store';
import { silentLogger } from '../../lib/logger';
import { expectDomainError } from '../../testing/errors.test-kit';
import { MASK } from '../../trpc/secrets';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';

/**
 * The Jobs page's procedures against a real queue: jobs are scheduled and claimed by the
 * store's own functions and run by the runner, as in production, on the world's clock.
 */

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

const MINUTE = 60_000;
const KIND = 'ops.test_job';

async function schedule(key: string, runAt = world.clock.now()) {
  const now = world.clock.now();
  const spec = {
    tenantId: world.tenants.A.id,
    kind: KIND,
    runAt,
    payload: {},
    dedupeKey: key,
    testClockId: null,
  };
  await scheduleJob(world.database.db, spec, now);
  const row = await world.database.db
    .selectFrom('jobs')
    .select('id')
    .where('dedupe_key', '=', key)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Claims the next due job as runner `holder` would, with a one-minute lease. */
function claim(holder: string) {
  const now = world.clock.now();
  return claimNextJob(world.database.db, {
    dueBy: now,
    testClockId: null,
    wallNow: now,
    leaseUntil: now + MINUTE,
    holder,
  });
}

/** Runs the due jobs with `handler`, counting its calls; three attempts, then the job fails. */
async function runDue(handler: () => Promise<void>) {
  let calls = 0;
  const handlers: JobHandlers = {
    [KIND]: () => {
      calls++;
      return handler();
    },
  };
  const retry = { baseMs: MINUTE, capMs: MINUTE, maxAttempts: 3, leaseMs: MINUTE };
  await runDueJobs({ db: world.database.db, clock: world.clock, logger: silentLogger, handlers, retry });
  return calls;
}

const owner = () => world.as('owner').jobs;
const auditActions = async () =>
  (
    await world.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_type', '=', 'job')
      .execute()
  ).map((row) => `${row.action} ${row.entity_id}`);

describe('the Jobs page', () => {
  it('shows a job held past its lease as stuck with its holder; release makes the next claim take it', async () => {
    const id = await schedule('stuck:1');
    await claim('host-a:4242');
    const running = await owner().list({ state: 'running' });
    expect(running.jobs.map((j) => [j.id, j.leaseHolder, j.leaseUntil, j.action])).toEqual([
      [id, 'host-a:4242', world.clock.now() + MINUTE, null],
    ]);
    await expectDomainError(() => owner().release({ id }), 'INVALID_STATE');

    world.clock.advance(MINUTE + 1);
    const stuck = await owner().list({ state: 'stuck' });
    expect(stuck.counts).toMatchObject({ stuck: 1, running: 0 });
    expect(stuck.jobs.map((j) => [j.id, j.leaseHolder, j.action])).toEqual([[id, 'host-a:4242', 'release']]);

    await owner().release({ id });
    const due = await owner().list({ state: 'due' });
    expect(due.jobs.map((j) => [j.id, j.leaseHolder])).toEqual([[id, null]]);
    expect(due.counts).toMatchObject({ due: 1, stuck: 0 });
    expect((await claim('host-b:7'))?.id).toBe(id);
    expect(await auditActions()).toEqual([`job.lease_released ${id}`]);
  });

  it('shows a failed job with its error scrubbed; retry runs it once more, from its first attempt', async () => {
    const stripeKey = ['sk', 'live', randomBytes(16).toString('hex')].join('_');
    const id = await schedule('fails:1');
    const failing = () => Promise.reject(new Error(`the gateway refused ${stripeKey}`));
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await runDue(failing)).toBe(1);
      world.clock.advance(MINUTE);
    }
    const failed = await owner().list({ state: 'failed', kind: KIND });
    expect(failed.jobs.map((j) => [j.id, j.attempts, j.action])).toEqual([[id, 3, 'retry']]);
    expect(failed.jobs[0]?.lastError).toBe(`the gateway refused ${MASK}`);
    expect(JSON.stringify(failed)).not.toContain(stripeKey);

    expect(await owner().retry({ id })).toMatchObject({ status: 'pending', attempts: 0 });
    await expectDomainError(() => owner().retry({ id }), 'INVALID_STATE');
    expect(await runDue(() => Promise.resolve())).toBe(1);
    expect(await runDue(() => Promise.resolve())).toBe(0);
    expect((await owner().list({ state: 'failed' })).counts.failed).toBe(0);
    expect(await auditActions()).toEqual([`job.retried ${id}`]);
  });

  it('retries now a job waiting out its backoff, but never runs a job before its time', async () => {
    const backingOff = await schedule('backoff:1');
    const later = await schedule('later:1', world.clock.now() + 60 * MINUTE);
    expect(await runDue(() => Promise.reject(new Error('gateway unreachable')))).toBe(1);
    const scheduled = await owner().list({ state: 'scheduled' });
    expect(scheduled.jobs.map((j) => [j.id, j.action])).toEqual([
      [backingOff, 'retry_now'],
      [later, null],
    ]);
    await expectDomainError(() => owner().retry({ id: later }), 'INVALID_STATE');
    await owner().retry({ id: backingOff });
    expect(await runDue(() => Promise.resolve())).toBe(1);
  });

  it('counts each state per kind and filters by kind', async () => {
    await schedule('a:1');
    await schedule('b:1', world.clock.now() + MINUTE);
    const all = await owner().list({ state: 'due' });
    expect(all.kinds).toEqual([
      { kind: KIND, counts: { due: 1, scheduled: 1, running: 0, stuck: 0, failed: 0 } },
    ]);
    const other = await owner().list({ state: 'due', kind: 'no.such_kind' });
    expect(other.jobs).toEqual([]);
    expect(other.counts.due).toBe(0);
    await expectDomainError(() => owner().list({ state: 'due', kind: 'not a kind!' }), 'INVALID_INPUT');
  });

  it('is refused to tenant members and admins, and to platform staff who do not manage tenants', async () => {
    const id = await schedule('refused:1');
    for (const persona of ['viewerA', 'billingA', 'adminA', 'adminB', 'platformSupport'] as const) {
      await expectDomainError(() => world.as(persona).jobs.list({ state: 'due' }), 'FORBIDDEN');
      await expectDomainError(() => world.as(persona).jobs.retry({ id }), 'FORBIDDEN');
      await expectDomainError(() => world.as(persona).jobs.release({ id }), 'FORBIDDEN');
    }
    expect(await auditActions()).toEqual([]);
  });
});
