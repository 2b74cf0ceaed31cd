import type { Kysely } from 'kysely';
import type { AnalyticsSettingsInput } from '../../../shared/analytics/settings-schema';
import { runCommand, type Actor, type CommandScope } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { DomainError } from '../../lib/errors';
import { scheduleJob } from '../../jobs/store';
import { findSettings, saveRebuildProgress, saveSettings, type AnalyticsSettings } from './settings-repo';

/** Staff acting on a workspace's analytics (a tenant procedure's context). */
export interface AnalyticsRequest {
  db: Kysely<DB>;
  clock: Clock;
  tenantId: string;
  actor: Actor;
}

export const REBUILD_JOB = 'analytics.rebuild';
export const PAST_DUE_JOB = 'analytics.past_due_deadlines';
const DAY_MS = 86_400_000;
/** The past-due job runs at 04:00 UTC, after the housekeeping's quiet hour. */
const PAST_DUE_AT_UTC_MS = 4 * 3_600_000;

const scopeOf = (request: AnalyticsRequest): CommandScope => ({
  db: request.db,
  clock: request.clock,
  tenantId: request.tenantId,
  actor: request.actor,
});

/** The next 04:00 UTC after `now`. */
export function nextPastDueRunAt(now: number): number {
  const today = Math.floor(now / DAY_MS) * DAY_MS + PAST_DUE_AT_UTC_MS;
  return today > now ? today : today + DAY_MS;
}

export async function schedulePastDueRun(db: Kysely<DB>, tenantId: string, runAt: number, now: number) {
  await scheduleJob(
    db,
    {
      tenantId,
      kind: PAST_DUE_JOB,
      runAt,
      payload: {},
      dedupeKey: `${PAST_DUE_JOB}:${tenantId}:${Math.floor(runAt / DAY_MS)}`,
      testClockId: null,
    },
    now,
  );
}

/**
 * What a queued rebuild derives: every customer (a check, a new reporting currency, new rates),
 * or only the customers with a past-due state (a changed past-due setting changes no one else's).
 */
export type RebuildScope = 'all' | 'past_due';

/** Marks a rebuild running and queues it (in the caller's transaction). */
async function queueRebuild(
  trx: Kysely<DB>,
  tenantId: string,
  now: number,
  scope: RebuildScope = 'all',
): Promise<void> {
  await saveRebuildProgress(trx, tenantId, { status: 'running', done: 0, total: 0, error: null }, now);
  await scheduleJob(
    trx,
    {
      tenantId,
      kind: REBUILD_JOB,
      runAt: now,
      payload: { scope },
      dedupeKey: `${REBUILD_JOB}:${tenantId}:${now}`,
      testClockId: null,
    },
    now,
  );
}

/**
 * Saves the settings. A changed reporting currency or past-due setting changes the movements,
 * so a rebuild is queued with it (of the customers with a past-due state only, when only the
 * past-due setting changed); setting the past-due days starts its daily run.
 */
export async function updateAnalyticsSettings(
  request: AnalyticsRequest,
  input: AnalyticsSettingsInput,
): Promise<AnalyticsSettings> {
  return runCommand(scopeOf(request), 'analytics.settings_updated', async (trx, now) => {
    const before = await findSettings(trx, request.tenantId);
    await saveSettings(trx, request.tenantId, input, now);
    if (before.reportingCurrency !== input.reportingCurrency) await queueRebuild(trx, request.tenantId, now);
    else if (before.pastDueChurnDays !== input.pastDueChurnDays)
      await queueRebuild(trx, request.tenantId, now, 'past_due');
    if (input.pastDueChurnDays !== null)
      await schedulePastDueRun(trx, request.tenantId, nextPastDueRunAt(now), now);
    const after = await findSettings(trx, request.tenantId);
    const { rebuild: _before, version: _v1, ...beforeFields } = before;
    const { rebuild: _after, version: _v2, ...afterFields } = after;
    return {
      result: after,
      changes: [
        {
          entityType: 'analytics_settings',
          entityId: request.tenantId,
          before: beforeFields,
          after: afterFields,
        },
      ],
    };
  });
}

/** Staff's "rebuild and check": the movements derived again; the job reports how many rows differed. */
export async function startRebuild(request: AnalyticsRequest): Promise<AnalyticsSettings> {
  return runCommand(scopeOf(request), 'analytics.rebuild_started', async (trx, now) => {
    const current = await findSettings(trx, request.tenantId);
    if (current.rebuild.status === 'running') {
      throw new DomainError('INVALID_STATE', 'A rebuild is already running; wait for it to finish');
    }
    await queueRebuild(trx, request.tenantId, now);
    return { result: await findSettings(trx, request.tenantId), changes: [] };
  });
}

/** FX rates changed: every movement in another currency may convert differently. */
export async function queueRebuildForRates(trx: Kysely<DB>, tenantId: string, now: number): Promise<void> {
  await queueRebuild(trx, tenantId, now);
}
