import type { Attempts } from './isolation-attempts-types.test-kit';
import { ACCOUNTS_ATTEMPTS } from './isolation-attempts-accounts.test-kit';
import { ANALYTICS_ATTEMPTS } from './isolation-attempts-analytics.test-kit';
import { BILLING_ATTEMPTS } from './isolation-attempts-billing.test-kit';
import { LICENSING_ATTEMPTS } from './isolation-attempts-licensing.test-kit';
import { MARKETPLACE_ATTEMPTS } from './isolation-attempts-marketplace.test-kit';
import { WORKSPACE_ATTEMPTS } from './isolation-attempts-workspace.test-kit';

export type { Attempt, Attempts, Caller, Fixture } from './isolation-attempts-types.test-kit';

/**
 * What each procedure's tenant-isolation attempt does with tenant B's data, for
 * isolation.int.test.ts, one kit per area of the app. A new procedure without an entry in its
 * area's kit fails the walk; a procedure listed by two areas fails here.
 */

const AREAS: Record<string, Attempts> = {
  workspace: WORKSPACE_ATTEMPTS,
  billing: BILLING_ATTEMPTS,
  analytics: ANALYTICS_ATTEMPTS,
  accounts: ACCOUNTS_ATTEMPTS,
  licensing: LICENSING_ATTEMPTS,
  marketplace: MARKETPLACE_ATTEMPTS,
};

function allAttempts(areas: Record<string, Attempts>): Attempts {
  const all: Attempts = {};
  const areaOf = new Map<string, string>();
  for (const [area, attempts] of Object.entries(areas)) {
    for (const [procedure, attempt] of Object.entries(attempts)) {
      const other = areaOf.get(procedure);
      if (other) throw new Error(`${procedure} is attempted by both the ${other} and the ${area} kits`);
      areaOf.set(procedure, area);
      all[procedure] = attempt;
    }
  }
  return all;
}

/** One attempt per procedure, using tenant B's data. A new procedure without one fails the walk. */
export const ATTEMPTS: Attempts = allAttempts(AREAS);

/**
 * Platform-wide procedures (all tenants, the platform staff): platform roles rightly reach
 * every tenant through them, so here isolation means no tenant member gets in at all. A
 * tenant admin of A tries each naming B, and is refused for lack of a platform role.
 */
export const PLATFORM_WIDE = new Set([
  'tenants.list',
  'tenants.create',
  'tenants.rename',
  'tenants.suspend',
  'tenants.reactivate',
  'admin.platformMembers.list',
  'admin.platformMembers.changeRole',
  'admin.platformMembers.remove',
  'backups.list',
  'jobs.list',
  'jobs.retry',
  'jobs.release',
]);

/** Procedures that, called from inside A, rightly create there: they must leave B's rows as they were. */
export const CREATES_INSIDE_A = new Set([
  'customers.create',
  'catalog.createFeature',
  'catalog.createProduct',
  'testClocks.create',
  'emails.updateSettings',
  'stripeEvents.setSecret',
  'recovery.updatePolicy',
  'admin.apiKeys.create',
  'webhooks.create',
  'analyticsSettings.update',
  'analyticsSettings.startRebuild',
  'analyticsSettings.setFxRate',
  'analyticsSettings.importFxRates',
  'exports.start',
  'licensingKeys.rotate',
  'marketplace.settings.update',
]);
