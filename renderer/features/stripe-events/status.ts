import type { StripeEventStatus } from '../../../shared/stripe-events/schema';

/** How each inbox status reads in the console. */
export const EVENT_STATUS_LOOK: Record<StripeEventStatus, { label: string; color: string; hint: string }> = {
  pending: { label: 'Pending', color: 'yellow', hint: 'Stored; waiting to be applied' },
  processed: { label: 'Applied', color: 'teal', hint: 'Applied to Tollgate' },
  ignored: { label: 'Ignored', color: 'gray', hint: 'A type Tollgate does not act on' },
  stale: { label: 'Stale', color: 'gray', hint: 'Older than what was already applied; skipped' },
  failed: { label: 'Retrying', color: 'orange', hint: 'Failed; will be tried again' },
  dead: { label: 'Dead-lettered', color: 'red', hint: 'Gave up after repeated failures' },
};

/** History entries as sentences' first words. */
export const OUTCOME_LABELS: Record<string, string> = {
  processed: 'Applied',
  ignored: 'Ignored',
  stale: 'Skipped as stale',
  failed: 'Failed',
  dead: 'Failed and dead-lettered',
  replayed: 'Replayed',
};
