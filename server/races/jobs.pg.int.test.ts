import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDueJobs, type JobRunnerOptions } from '../jobs/runner';
import { scheduleJob } from '../jobs/store';
import { silentLogger } from '../lib/logger';
import { ManualClock } from '../lib/clock';
import { START } from '../testing/world.test-kit';
import { twoInstances, type Instance, type TwoInstances } from './instances.test-kit';

/**
 * Decision 109: a job is claimed `FOR UPDATE SKIP LOCKED`, so runners on two instances
 * claiming at the same moment take different jobs, and every job runs exactly once.
 */

const JOBS = 300;
const RUNNERS_PER_INSTANCE = 4;

let race: TwoInstances;
beforeEach(async () => {
  race = await twoInstances();
});
afterEach(async () => {
  await race.close();
});

describe('jobs claimed by two instances at once', () => {
  it('each due job runs exactly once', async () => {
    const tenantId = race.world.tenants.A.id;
    for (let i = 0; i < JOBS; i++) {
      await scheduleJob(
        race.one.database.db,
        {
          tenantId,
          kind: 'record',
          runAt: START,
          payload: { n: i },
          dedupeKey: `race:${i}`,
          testClockId: null,
        },
        START,
      );
    }
    const runs: { n: number; on: string }[] = [];
    const runner = (instance: Instance): JobRunnerOptions => ({
      db: instance.database.db,
      clock: new ManualClock(START + 1),
      logger: silentLogger,
      handlers: {
        // Yields, so claims of the other runners interleave with this job's run.
        record: async (job) => {
          runs.push({ n: Number(job.payload.n), on: instance.name });
          await new Promise((resolve) => setImmediate(resolve));
        },
      },
    });
    const ran = await Promise.all(
      race.both.flatMap((instance) =>
        Array.from({ length: RUNNERS_PER_INSTANCE }, () => runDueJobs(runner(instance), JOBS)),
      ),
    );
    const seen = new Map<number, number>();
    for (const run of runs) seen.set(run.n, (seen.get(run.n) ?? 0) + 1);
    expect([...seen.entries()].filter(([, times]) => times !== 1)).toEqual([]);
    expect(seen.size).toBe(JOBS);
    expect(ran.reduce((a, b) => a + b, 0)).toBe(JOBS);
    // Both instances did work: the race was real.
    expect(new Set(runs.map((r) => r.on))).toEqual(new Set(['one', 'two']));
    const left = await race.two.database.db
      .selectFrom('jobs')
      .select('status')
      .where('status', '!=', 'done')
      .execute();
    expect(left).toEqual([]);
  });
});
