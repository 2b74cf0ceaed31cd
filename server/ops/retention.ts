import { WEBHOOK_LOG_RETENTION_DAYS } from '../../shared/webhooks/schema';
import { IDEMPOTENCY_TTL_MS } from '../hosted/rest/idempotency';

/**
 * How long Tollgate keeps what only serves for a while: the one place these are set, listed in
 * docs/operations.md. Money, audit entries and the change log are never pruned.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export const RETENTION = {
  /**
   * Sign-ins (session families) go this long after their last refresh token expired: a reused
   * token of an expired sign-in is refused either way, and a week keeps the trail for a look.
   */
  expiredSessionsMs: 7 * DAY_MS,
  /** Sent emails (bodies included) go after this; pending, held and failed ones stay. */
  sentEmailsMs: 90 * DAY_MS,
  /** REST idempotency keys: an answer is replayed for 24 hours, then the key may go. */
  idempotencyKeysMs: IDEMPOTENCY_TTL_MS,
  /**
   * Outgoing webhook deliveries, attempts and events: pruned daily per workspace by the webhooks
   * module's own job (webhooks.prune), named here so the whole policy reads in one place.
   */
  webhookDeliveryLogMs: WEBHOOK_LOG_RETENTION_DAYS * DAY_MS,
} as const;

/** Rows per delete statement: each its own short transaction, requests let in between. */
export const PRUNE_BATCH = 500;

/** How often the housekeeping job runs, and when in the (UTC) day: a quiet hour. */
export const HOUSEKEEPING_EVERY_MS = DAY_MS;
export const HOUSEKEEPING_AT_UTC_MS = 3 * 60 * 60 * 1000;
