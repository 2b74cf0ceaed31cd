/**
 * Revenue analytics: MRR value states written with every subscription change, the movements
 * derived from them (docs/analytics.md), their sums, FX rates and the workspace's settings.
 * Billing calls `recordSubscriptionValue` in its transactions; analytics never imports billing.
 */
export { recordSubscriptionValue, type MrrCause, type SubscriptionWrite } from './record';
export { analyticsSettingsRouter } from './router';
export { analyticsJobHandlers } from './jobs';
export { rebuildMovements, type RebuildOutcome } from './rebuild';
export { findSettings, type AnalyticsSettings } from './settings-repo';
export { loadRateBook, RateBook } from './rates';
export { metricsRouter, listMovements, analyticsOverview, type MovementItem } from './metrics';
export { backfillMrrHistory, type BackfillOutcome } from './backfill';
export { backfillJobHandlers, scheduleMrrBackfills } from './backfill-job';
