import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../lib/clock';
import { silentLogger } from '../lib/logger';
import { backoffAfter, RETRY_POLICIES } from '../lib/retry-policy';
import { createTestWorld, START, type TestWorld } from '../testing/world.test-kit';
import { runClockJobs, runDueJobs, startJobLoop, type JobHandlers, type JobRunnerOptions } from './runner';
import { cancelPendingJobs, scheduleJob, type JobSpec } from './store';

let world: TestWorld;
let wall: ManualClock;
let ran: { id: string; now: number }[];

beforeEach(async () => {
  world = await createTestWorld();
  wall = new ManualClock(START);
  ran = [];
  await world.database.db
    .insertInto('test_clocks')
    .values({
      id: 'clk_1',
      tenant_id: world.tenants.A.id,
      name: 'Clock',
      now: START,
      created_at: START,
      updated_at: START,
    })
    .execute();
});
afterEach(async () => {
  await world.close();
});

const spec = (over: Partial<JobSpec>): JobSpec => ({
  tenantId: world.tenants.A.id,
  kind: 'record',
  runAt: START,
  payload: {},
  dedupeKey: `k:${Math.random()}`,
  testClockId: null,
  ...over,
});

function runner(
  handlers: JobHandlers = {
    record: (job, now) => {
      ran.push({ id: String(job.payload.id), now });
      return Promise.resolve();
    },
  },
): JobRunnerOptions {
  return {
    db: world.database.db,
    clock: wall,
    logger: silentLogger,
    handlers,
    retry: { ...RETRY_POLICIES.jobs, maxAttempts: 3 },
  };
}

const statuses = () =>
  world.database.db
    .selectFrom('jobs')
    .select(['dedupe_key as key', 'status', 'attempts'])
    .orderBy('dedupe_key')
    .execute();

describe('durable jobs', () => {
  it('stop between jobs when asked to, finishing only the job in hand', async () => {
    for (const id of ['a', 'b', 'c']) {
      await scheduleJob(world.database.db, spec({ payload: { id }, dedupeKey: `stop:${id}` }), START);
    }
    const stopping = new AbortController();
    const handlers: JobHandlers = {
      record: (job) => {
        ran.push({ id: String(job.payload.id), now: 0 });
        stopping.abort(); // shutdown begins while the first job runs
        return Promise.resolve();
      },
    };
    expect(await runDueJobs(runner(handlers), 500, stopping.signal)).toBe(1);
    expect((await statuses()).map((s) => s.status)).toEqual(['done', 'pending', 'pending']);
  });

  it('schedule a piece of work once however often it is asked for', async () => {
    await scheduleJob(world.database.db, spec({ dedupeKey: 'renew:sub_1:7' }), START);
    await scheduleJob(world.database.db, spec({ dedupeKey: 'renew:sub_1:7', runAt: START + 5 }), START);
    expect(await statuses()).toEqual([{ key: 'renew:sub_1:7', status: 'pending', attempts: 0 }]);
  });

  it('run due wall-clock jobs in due order, leaving future and test-clock jobs alone', async () => {
    await scheduleJob(
      world.database.db,
      spec({ dedupeKey: 'b', runAt: START - 10, payload: { id: 'b' } }),
      START,
    );
    await scheduleJob(
      world.database.db,
      spec({ dedupeKey: 'a', runAt: START - 20, payload: { id: 'a' } }),
      START,
    );
    await scheduleJob(
      world.database.db,
      spec({ dedupeKey: 'future', runAt: START + 1, payload: { id: 'future' } }),
      START,
    );
    await scheduleJob(
      world.database.db,
      spec({ dedupeKey: 'clock', testClockId: 'clk_1', payload: { id: 'clock' } }),
      START,
    );
    expect(await runDueJobs(runner())).toBe(2);
    expect(ran).toEqual([
      { id: 'a', now: START },
      { id: 'b', now: START },
    ]);
    expect((await statuses()).map((s) => s.status)).toEqual(['done', 'done', 'pending', 'pending']);
  });

  it('retry a failing job with growing delays, then give up and keep the error', async () => {
    let calls = 0;
    const failing = runner({
      record: () => {
        calls++;
        throw new Error('gateway unreachable');
      },
    });
    await scheduleJob(world.database.db, spec({ dedupeKey: 'x' }), START);
    await runDueJobs(failing);
    const row = () =>
      world.database.db
        .selectFrom('jobs')
        .select(['status', 'attempts', 'run_at', 'last_error'])
        .executeTakeFirst();
    expect(await row()).toEqual({
      status: 'pending',
      attempts: 1,
      run_at: START + backoffAfter(1, RETRY_POLICIES.jobs),
      last_error: 'gateway unreachable',
    });
    expect(await runDueJobs(failing)).toBe(0);
    wall.advance(backoffAfter(1, RETRY_POLICIES.jobs));
    await runDueJobs(failing);
    wall.advance(backoffAfter(2, RETRY_POLICIES.jobs));
    await runDueJobs(failing);
    expect(await row()).toMatchObject({ status: 'failed', attempts: 3 });
    expect(calls).toBe(3);
  });

  it('take back a job whose runner died holding its lease', async () => {
    await scheduleJob(world.database.db, spec({ dedupeKey: 'stuck', payload: { id: 'stuck' } }), START);
    await world.database.db
      .updateTable('jobs')
      .set({ status: 'running', lease_until: START + 60_000 })
      .execute();
    expect(await runDueJobs(runner())).toBe(0);
    wall.advance(60_001);
    expect(await runDueJobs(runner())).toBe(1);
    expect(ran.map((r) => r.id)).toEqual(['stuck']);
  });

  it('run a test clock’s jobs each at its own due time, including jobs they schedule', async () => {
    const day = 86_400_000;
    const handlers: JobHandlers = {
      record: async (job, now) => {
        ran.push({ id: String(job.payload.id), now });
        const next = Number(job.payload.n) + 1;
        if (next <= 5) {
          await scheduleJob(
            world.database.db,
            spec({
              dedupeKey: `chain:${next}`,
              testClockId: 'clk_1',
              runAt: now + day,
              payload: { id: `chain${next}`, n: next },
            }),
            now,
          );
        }
      },
    };
    await scheduleJob(
      world.database.db,
      spec({
        dedupeKey: 'chain:1',
        testClockId: 'clk_1',
        runAt: START + day,
        payload: { id: 'chain1', n: 1 },
      }),
      START,
    );
    expect(await runClockJobs(runner(handlers), 'clk_1', START + 3.5 * day)).toBe(3);
    expect(ran).toEqual([
      { id: 'chain1', now: START + day },
      { id: 'chain2', now: START + 2 * day },
      { id: 'chain3', now: START + 3 * day },
    ]);
    expect(await runDueJobs(runner(handlers))).toBe(0);
  });

  it('cancel the pending jobs of one subject only', async () => {
    await scheduleJob(world.database.db, spec({ dedupeKey: 'sub:sub_1:renew' }), START);
    await scheduleJob(world.database.db, spec({ dedupeKey: 'sub:sub_1:trial' }), START);
    await scheduleJob(world.database.db, spec({ dedupeKey: 'sub:sub_10:renew' }), START);
    expect(await cancelPendingJobs(world.database.db, world.tenants.A.id, 'sub:sub_1:', START)).toBe(2);
    expect((await statuses()).map((s) => `${s.key}=${s.status}`)).toEqual([
      'sub:sub_10:renew=pending',
      'sub:sub_1:renew=canceled',
      'sub:sub_1:trial=canceled',
    ]);
  });

  it('poll in a loop until stopped', async () => {
    const live = runner();
    live.clock = { now: () => Date.now() };
    await scheduleJob(
      world.database.db,
      spec({ dedupeKey: 'loop', runAt: Date.now() - 1, payload: { id: 'loop' } }),
      START,
    );
    const loop = startJobLoop(live, 5);
    await expect.poll(() => ran.length).toBe(1);
    await loop.stop();
  });
});
