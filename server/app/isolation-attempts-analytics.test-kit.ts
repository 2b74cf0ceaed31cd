import type { Attempts } from './isolation-attempts-types.test-kit';

/**
 * Analytics: its settings and FX rates, the dashboards and revenue reports.
 * Part of the isolation walk's attempts (isolation-attempts.test-kit.ts).
 */
export const ANALYTICS_ATTEMPTS: Attempts = {
  // Analytics settings and FX rates are the caller's own workspace's: nothing of B is named.
  'analyticsSettings.get': (a) => a.analyticsSettings.get(),
  'analyticsSettings.update': (a) =>
    a.analyticsSettings.update({
      reportingCurrency: 'EUR',
      pastDueChurnDays: 30,
      financePackRecipients: ['cfo@example.com'],
    }),
  'analyticsSettings.rebuildStatus': (a) => a.analyticsSettings.rebuildStatus(),
  'analyticsSettings.startRebuild': (a) => a.analyticsSettings.startRebuild(),
  'analyticsSettings.fxRates': (a) => a.analyticsSettings.fxRates({}),
  'analyticsSettings.setFxRate': (a) =>
    a.analyticsSettings.setFxRate({ day: '2026-01-31', base: 'EUR', quote: 'USD', rate: '1.08' }),
  'analyticsSettings.importFxRates': (a) =>
    a.analyticsSettings.importFxRates({ csv: 'day,base,quote,rate\n2026-01-31,EUR,USD,1.08\n' }),
  'analytics.overview': (a, f) =>
    a.analytics.overview({ from: '2025-01', to: '2026-12', segment: { plan: f.bPlanId } }),
  'analytics.movements': (a) => a.analytics.movements({ from: '2025-01', to: '2026-12', segment: {} }),
  'analytics.segments': (a) => a.analytics.segments(),
  'revenue.byMonth': (a, f) =>
    a.revenue.byMonth({ from: '2025-01', to: '2027-12', segment: { plan: f.bPlanId } }),
  'revenue.trialConversion': (a, f) =>
    a.revenue.trialConversion({ from: '2025-01', to: '2027-12', segment: { plan: f.bPlanId } }),
  'revenue.recoveryRate': (a) => a.revenue.recoveryRate({ from: '2025-01', to: '2027-12' }),
};
