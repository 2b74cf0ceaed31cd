import { refuseUnlessInGoodStanding } from '../machines/machines';
import { LicenseRefusal, type LicenseRefusalCode } from '../machines/refusal';
import { recordUsage, type UsageEventIn, type UsageEventOutcome } from '../usage/record';
import type { LicenseServices } from './actions';
import { licenseFor, type LicenseCaller } from './validate';
import { forgetLicenseView } from './view';

/**
 * `POST /api/v1/licenses/usage`: an app reports usage events for its license (at most 100 a
 * call). Each event's outcome is answered (APPLIED, DUPLICATE for a replay, CONFLICT for a
 * reused id with other values, OVER_LIMIT); an unknown metric refuses the whole call (400).
 */

export interface UsageAnswer {
  object: 'license_usage';
  ok: boolean;
  code: LicenseRefusalCode;
  detail: string;
  events: UsageEventOutcome[];
}

export async function recordUsageByKey(
  services: LicenseServices,
  input: { key: string; events: UsageEventIn[] },
  caller: LicenseCaller,
): Promise<UsageAnswer> {
  const { db, clock } = services;
  const view = await licenseFor(db, input.key, caller, clock.now());
  if (!view)
    return {
      object: 'license_usage',
      ok: false,
      code: 'NOT_FOUND',
      detail: 'no license has this key',
      events: [],
    };
  try {
    refuseUnlessInGoodStanding(view.license, view.policyRow, clock.now());
    const events = await db.transaction().execute((trx) =>
      recordUsage(trx, {
        license: view.license,
        limits: view.policy.usageLimits,
        cycle: view.cycle,
        events: input.events,
        now: clock.now(),
      }),
    );
    return {
      object: 'license_usage',
      ok: true,
      code: 'VALID',
      detail: `${events.length} events received`,
      events,
    };
  } catch (error) {
    if (error instanceof LicenseRefusal)
      return { object: 'license_usage', ok: false, code: error.reason, detail: error.message, events: [] };
    throw error;
  } finally {
    forgetLicenseView(view.license.id);
  }
}
