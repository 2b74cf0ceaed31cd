/** Outgoing webhooks: events captured with the changes they announce, signed and delivered in order per object. */
export { webhooksRouter } from './router';
export {
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  deliverNext,
  runDueDeliveries,
  startWebhookDeliveryLoop,
  type DeliveryDeps,
} from './delivery';
export { emailedNotices, type EndpointDisabledNotice, type EndpointNotices } from './notices';
export { MAX_DELIVERY_ATTEMPTS, DISABLE_AFTER_FAILING_MS, nextDeliveryAttempt } from './retry';
export { webhooksJobHandlers, pruneWebhookLog, LOG_RETENTION_MS, PRUNE_JOB } from './retention';
export {
  announceDefaultPlanChanged,
  announceGraceEnded,
  announcePlanFeaturesChanged,
} from './entitlement-events';
